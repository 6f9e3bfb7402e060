using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Inbound;

/// <summary>Handles SendGrid Inbound Parse posts: a partner's reply to one of our emails.</summary>
/// <remarks>
/// Inbound Parse has no signature, so the URL carries a shared secret. The reply-to address carries the answer
/// token. Status codes matter: SendGrid retries a post that did not get a 2xx, so anything we have decided about
/// (recorded, refused, not understood) answers 200, and only a storage failure answers 503 to be retried.
/// </remarks>
internal sealed class InboundParseHandler
{
    private readonly EmailOptions _options;
    private readonly AnswerTokenService _tokens;
    private readonly AnswerLinkFactory _links;
    private readonly AnswerRecorder _recorder;
    private readonly IConsultationLookup _lookup;
    private readonly IEmailSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger<InboundParseHandler> _logger;

    public InboundParseHandler(IOptions<EmailOptions> options, AnswerTokenService tokens, AnswerLinkFactory links, AnswerRecorder recorder, IConsultationLookup lookup, IEmailSender sender, TimeProvider time, ILogger<InboundParseHandler> logger)
    {
        _options = options.Value;
        _tokens = tokens;
        _links = links;
        _recorder = recorder;
        _lookup = lookup;
        _sender = sender;
        _time = time;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!SecretMatches(request))
        {
            Logs.InboundRefused(_logger, "missing or wrong secret", "unknown");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The inbound secret is missing or wrong.");
        }

        if (request.ContentLength > _options.MaxInboundBytes)
        {
            return TooLarge();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _options.MaxInboundBytes;
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Inbound Parse posts multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A missing boundary, a body cut short or more parts than the form limits allow: SendGrid never sends
            // these, so this is not worth a retry.
            Logs.InboundRefused(_logger, "unreadable multipart body", "unknown");
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is malformed, incomplete or has too many parts.");
        }

        var token = FindToken(form);
        if (token is null)
        {
            Logs.InboundRefused(_logger, "no reply+ address among the recipients", "unknown");
            return TypedResults.Ok();
        }

        var verified = _tokens.Verify(token);
        if (verified.Status is not (TokenVerificationStatus.Valid or TokenVerificationStatus.Expired))
        {
            // A forged or damaged token gets no answer: replying would let anyone use us to mail anyone.
            Logs.InboundRefused(_logger, verified.Status.ToString(), "unknown");
            return TypedResults.Ok();
        }

        var content = verified.Token!;
        var from = ParseFrom(form["from"].ToString());
        var text = form["text"].ToString();
        if (text.Length == 0)
        {
            text = HtmlText.ToText(form["html"].ToString());
        }

        if (verified.Status == TokenVerificationStatus.Expired)
        {
            return await NotUnderstoodAsync(content, from, form, FirstLine(text), verified.Message, token, withPage: false, cancellationToken);
        }

        var reading = ReplyParser.Read(text);
        if (!reading.IsUnderstood)
        {
            return await NotUnderstoodAsync(content, from, form, reading.FirstLine, reading.Problem!, token, withPage: true, cancellationToken);
        }

        var outcome = await _recorder.RecordAsync(
            new AnswerSubmission(content.NegotiationId, content.PartnerId, content.Round, reading.Decision, reading.Comment, AnswerSource.EmailReply, _time.GetUtcNow()),
            cancellationToken);
        return outcome.Status switch
        {
            RecordStatus.Unavailable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is unavailable; retry later."),
            RecordStatus.Closed => await NotUnderstoodAsync(content, from, form, reading.FirstLine, outcome.Reason!, token, withPage: false, cancellationToken),
            _ => TypedResults.Ok(),
        };
    }

    private async Task<IResult> NotUnderstoodAsync(AnswerToken token, EmailAddress? from, IFormCollection form, string firstLine, string problem, string rawToken, bool withPage, CancellationToken cancellationToken)
    {
        Logs.ReplyNotUnderstood(_logger, token.NegotiationId, token.PartnerId, problem);
        if (from is null)
        {
            return TypedResults.Ok();
        }

        try
        {
            var view = await _lookup.GetAsync(token.NegotiationId, token.PartnerId, cancellationToken);
            var agreement = view is null ? null : new AgreementSummary(view.Area, view.ResponsibleAuthority, view.Period, view.ResponseDeadline, view.SignOffDeadline);
            var rendered = EmailTemplates.ReplyNotUnderstood(new ReplyNotUnderstoodModel(agreement, from.Name, firstLine, problem, withPage ? _links.PageFor(rawToken) : null, WasRead: !withPage));

            // Keyed on the reply itself, so SendGrid re-posting the same reply does not mail the partner twice.
            var key = $"reply-not-understood/{token.NegotiationId}/{token.PartnerId}/{Fingerprint(form)}";
            await _sender.SendAsync(
                new EmailMessage(key, EmailKind.ReplyNotUnderstood, from, rendered.Subject, rendered.Text, rendered.Html, token.NegotiationId, token.PartnerId, new EmailAddress(AnswerLinkFactory.ReplyPrefix + rawToken + "@" + _options.InboundDomain, "LAA answers"))
                {
                    BusinessTime = view?.BusinessTimeOf is null ? null : view.Dated(_time.GetUtcNow()),
                },
                cancellationToken);
            return TypedResults.Ok();
        }
        catch (EmailDeliveryException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The answer to the reply could not be sent; retry later.");
        }
    }

    private bool SecretMatches(HttpRequest request)
    {
        if (string.IsNullOrEmpty(_options.InboundSecret))
        {
            return false;
        }

        var given = request.Headers["x-inbound-secret"].ToString();
        if (given.Length == 0)
        {
            given = request.Query["secret"].ToString();
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(_options.InboundSecret)));
    }

    /// <summary>The token from the first <c>reply+{token}@{inbound domain}</c> recipient: the envelope first, then the headers.</summary>
    private string? FindToken(IFormCollection form)
    {
        var candidates = new List<string>();
        try
        {
            using var envelope = JsonDocument.Parse(form["envelope"].ToString() is { Length: > 0 } e ? e : "{}");
            if (envelope.RootElement.ValueKind == JsonValueKind.Object && envelope.RootElement.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array)
            {
                candidates.AddRange(to.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
        }
        catch (JsonException)
        {
            // A damaged envelope still leaves the To and Cc headers to look at.
        }

        foreach (var field in new[] { "to", "cc" })
        {
            candidates.AddRange(Addresses(form[field].ToString()));
        }

        foreach (var address in candidates)
        {
            var at = address.LastIndexOf('@');
            if (at > 0
                && address[..at].StartsWith(AnswerLinkFactory.ReplyPrefix, StringComparison.OrdinalIgnoreCase)
                && string.Equals(address[(at + 1)..], _options.InboundDomain, StringComparison.OrdinalIgnoreCase))
            {
                return address[AnswerLinkFactory.ReplyPrefix.Length..at];
            }
        }

        return null;
    }

    private static IEnumerable<string> Addresses(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        try
        {
            var collection = new MailAddressCollection();
            collection.Add(header);
            return collection.Select(a => a.Address).ToList();
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static EmailAddress? ParseFrom(string header)
    {
        try
        {
            var parsed = new MailAddress(header);
            return new EmailAddress(parsed.Address, string.IsNullOrWhiteSpace(parsed.DisplayName) ? null : parsed.DisplayName);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;

    private static string Fingerprint(IFormCollection form)
    {
        var material = string.Join('\u001f', form["headers"].ToString(), form["from"].ToString(), form["subject"].ToString(), form["text"].ToString(), form["html"].ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..32];
    }

    private static IResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The inbound email is larger than Email:MaxInboundBytes allows.");
}
