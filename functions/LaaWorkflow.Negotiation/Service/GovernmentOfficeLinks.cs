using System.Globalization;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>What a Government Office decision link is worth now.</summary>
public enum DecisionLinkStatus
{
    /// <summary>Genuine, unexpired, for this negotiation, and its submission awaits a decision.</summary>
    Open,

    /// <summary>Damaged, forged, or signed for another negotiation or for a partner.</summary>
    Invalid,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Genuine, but its submission is no longer the one waiting: decided, resubmitted or ended.</summary>
    Closed,

    /// <summary>No negotiation with that id.</summary>
    NotFound,
}

/// <summary>The verdict on a decision link, with the negotiation as it stands when there is one.</summary>
/// <param name="Status">Open, or what is wrong.</param>
/// <param name="Message">A sentence for the negotiator's page.</param>
/// <param name="Submission">The submission the link was signed for, when genuine.</param>
/// <param name="Agreement">The negotiation, when it exists and the link is genuine.</param>
public sealed record DecisionLinkCheck(DecisionLinkStatus Status, string Message, int? Submission, AgreementView? Agreement)
{
    /// <summary>For one of several Government Offices deciding a multi-area agreement: the office the link is for.</summary>
    public string? Office { get; init; }
}

/// <summary>
/// The Government Office negotiator's signed link (API.md: the decision is taken by an admin or through that link). The
/// submission email carries a token for one submission of the draft; it opens the decision page and records one
/// decision while that submission waits, and nothing once the draft was decided, resubmitted or the negotiation ended.
/// </summary>
public sealed class GovernmentOfficeLinks
{
    private const string SubmissionKeyPrefix = "phase:go:s";
    private readonly AnswerTokenService _tokens;
    private readonly IAgreementStore _store;
    private readonly NegotiationService _negotiations;

    internal GovernmentOfficeLinks(AnswerTokenService tokens, IAgreementStore store, NegotiationService negotiations)
    {
        _tokens = tokens;
        _store = store;
        _negotiations = negotiations;
    }

    /// <summary>Checks a link for the decision page; records nothing (mail scanners follow links).</summary>
    public async Task<DecisionLinkCheck> CheckAsync(string id, string? token, CancellationToken cancellationToken = default)
    {
        var verified = _tokens.Verify(token);
        if (verified.Status is not (TokenVerificationStatus.Valid or TokenVerificationStatus.Expired))
        {
            return new DecisionLinkCheck(DecisionLinkStatus.Invalid, verified.Message, null, null);
        }

        var content = verified.Token!;
        if (!AnswerLinkFactory.IsGovernmentOfficeParty(content.PartnerId) || !string.Equals(content.NegotiationId, id, StringComparison.Ordinal))
        {
            return new DecisionLinkCheck(DecisionLinkStatus.Invalid, "This link is not a Government Office decision link for this negotiation.", null, null);
        }

        if (verified.Status == TokenVerificationStatus.Expired)
        {
            return new DecisionLinkCheck(DecisionLinkStatus.Expired, verified.Message, content.Round, null);
        }

        var record = InstanceIds.IsWellFormed(id) ? await _store.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return new DecisionLinkCheck(DecisionLinkStatus.NotFound, $"There is no negotiation '{id}'.", content.Round, null);
        }

        // A refresh's page says what it changes, measured against the version it refreshes.
        var previous = record.Summary.Definition.Refresh is { } refresh ? await _store.GetAsync(refresh.Of, cancellationToken) : null;
        var view = Views.ToView(record, null, DateTime.UtcNow, previous?.Targets);
        var current = CurrentSubmission(record);
        if (record.Summary.Phase != NegotiationPhase.GovernmentOffice || current != content.Round)
        {
            var why = record.Summary.Phase.IsTerminal()
                ? $"The negotiation has ended ({Views.Camel(record.Summary.Phase.ToString())})."
                : current > content.Round
                    ? $"This link was for submission {content.Round}; the draft has since been submitted again as submission {current}. Please use the link in the newest email."
                    : $"The draft is not waiting for a Government Office decision (the negotiation is in phase '{Views.Camel(record.Summary.Phase.ToString())}').";
            return new DecisionLinkCheck(DecisionLinkStatus.Closed, why + " Nothing has been recorded.", content.Round, view);
        }

        // A multi-area agreement's link is one office's: once that office has decided the submission, it is closed.
        if (AnswerLinkFactory.OfficeOf(content.PartnerId) is { } office && NegotiationService.HasDecided(record, current, office))
        {
            return new DecisionLinkCheck(DecisionLinkStatus.Closed,
                $"The Government Office {office} has already decided on submission {current}. Nothing has been recorded.", content.Round, view)
            { Office = office };
        }

        return new DecisionLinkCheck(DecisionLinkStatus.Open, "The link is valid.", content.Round, view) { Office = AnswerLinkFactory.OfficeOf(content.PartnerId) };
    }

    /// <summary>Records the negotiator's decision through the link: checked as <see cref="CheckAsync"/>, then as an admin's decision.</summary>
    /// <returns>The link's verdict, and the decision's result when the link is open.</returns>
    public async Task<(DecisionLinkCheck Link, NegotiationResult? Result)> DecideAsync(
        string id, string? token, bool? approved, string? comment, CancellationToken cancellationToken = default)
    {
        var link = await CheckAsync(id, token, cancellationToken);
        return link.Status == DecisionLinkStatus.Open
            ? (link, await _negotiations.GovernmentOfficeDecisionAsync(id, approved, comment, link.Office, cancellationToken))
            : (link, null);
    }

    /// <summary>The newest submission to the Government Office: each one opens the phase with its own timeline key.</summary>
    internal static int CurrentSubmission(AgreementRecord record) =>
        record.Timeline
            .Select(entry => entry.Key.StartsWith(SubmissionKeyPrefix, StringComparison.Ordinal)
                && int.TryParse(entry.Key.AsSpan(SubmissionKeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
}
