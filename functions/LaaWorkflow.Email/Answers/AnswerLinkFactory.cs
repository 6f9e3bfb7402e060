using LaaWorkflow.Email.Templates;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Answers;

/// <summary>Makes the answer page link and the reply-to address for one partner's consultation round.</summary>
public sealed class AnswerLinkFactory
{
    /// <summary>The local part before the token in reply-to addresses.</summary>
    public const string ReplyPrefix = "reply+";

    /// <summary>
    /// The party a Government Office decision link is signed for, in place of a partner id. Partner ids are lower-case
    /// letters, digits and hyphens, so no partner can be given this one and a decision link never opens a partner's page.
    /// </summary>
    public const string GovernmentOfficeParty = "@government-office";

    /// <summary>Between <see cref="GovernmentOfficeParty"/> and the office in a link signed for one of several offices.</summary>
    public const string OfficeSeparator = ":";

    private readonly AnswerTokenService _tokens;
    private readonly EmailOptions _options;

    /// <summary>Creates the factory.</summary>
    public AnswerLinkFactory(AnswerTokenService tokens, IOptions<EmailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _options = options.Value;
    }

    /// <summary>Signs a token for the partner's round and builds the links that carry it.</summary>
    /// <param name="negotiationId">The negotiation.</param>
    /// <param name="partnerId">The partner.</param>
    /// <param name="round">The consultation round; a later round supersedes the links of earlier ones.</param>
    /// <param name="expiresAt">When the links stop working, typically some days after the sign-off deadline.</param>
    public AnswerLinks Create(string negotiationId, string partnerId, int round, DateTimeOffset expiresAt)
    {
        var token = _tokens.Issue(new AnswerToken(negotiationId, partnerId, round, expiresAt));
        return new AnswerLinks(PageFor(token), new EmailAddress($"{ReplyPrefix}{token}@{_options.InboundDomain}", "LAA answers"));
    }

    /// <summary>
    /// Signs a token for the Government Office negotiator's decision on one submission of the draft and builds the link
    /// to the decision page. A later submission supersedes the links of earlier ones.
    /// </summary>
    /// <param name="negotiationId">The negotiation.</param>
    /// <param name="submission">Which submission to the Government Office (1 for the first).</param>
    /// <param name="expiresAt">When the link stops working.</param>
    /// <param name="office">For an agreement several Government Offices decide on: the office the link is for.</param>
    public Uri CreateDecisionPage(string negotiationId, int submission, DateTimeOffset expiresAt, string? office = null)
    {
        var party = office is null ? GovernmentOfficeParty : GovernmentOfficeParty + OfficeSeparator + office;
        var token = _tokens.Issue(new AnswerToken(negotiationId, party, submission, expiresAt));
        return new Uri(_options.PublicBaseUrl, $"api/negotiations/{Uri.EscapeDataString(negotiationId)}/government-office/decision?token={token}");
    }

    /// <summary>True when a token's party is a Government Office (the agreement's one office, or one of several).</summary>
    public static bool IsGovernmentOfficeParty(string partyId) =>
        partyId == GovernmentOfficeParty || partyId.StartsWith(GovernmentOfficeParty + OfficeSeparator, StringComparison.Ordinal);

    /// <summary>The office a Government Office token is for, or null for the agreement's one office.</summary>
    public static string? OfficeOf(string partyId) =>
        partyId.StartsWith(GovernmentOfficeParty + OfficeSeparator, StringComparison.Ordinal)
            ? partyId[(GovernmentOfficeParty.Length + OfficeSeparator.Length)..]
            : null;

    /// <summary>The answer page for a token.</summary>
    public Uri PageFor(string token) => new(_options.PublicBaseUrl, $"api/respond/{token}");
}
