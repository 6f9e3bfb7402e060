using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Transports.SendGrid;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Events;

/// <summary>Handles SendGrid Event Webhook posts: verifies the signature, and reports bounces and drops to the negotiation.</summary>
/// <remarks>
/// SendGrid signs the timestamp header followed by the raw body with ECDSA P-256 / SHA-256 (the signature header is
/// base64 DER). An event is reported before its <c>sg_event_id</c> is marked handled, so a crash between the two
/// repeats the report (the sink is idempotent) rather than losing it; a failure answers 5xx so SendGrid posts again.
/// </remarks>
internal sealed class EventWebhookHandler
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>Only mail to the partner's own side: a bounced digest to the LSP lead says nothing about the partner.</summary>
    private static readonly HashSet<string> PartnerKinds = new(StringComparer.Ordinal)
    {
        nameof(EmailKind.PartnerInvitation),
        nameof(EmailKind.PartnerReminder),
        nameof(EmailKind.EscalationNotice),
    };

    private readonly EmailOptions _options;
    private readonly IWebhookEventLog _events;
    private readonly IDeliveryProblemSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<EventWebhookHandler> _logger;
    private readonly ECDsa? _key;

    public EventWebhookHandler(IOptions<EmailOptions> options, IWebhookEventLog events, IDeliveryProblemSink sink, TimeProvider time, ILogger<EventWebhookHandler> logger)
    {
        _options = options.Value;
        _events = events;
        _sink = sink;
        _time = time;
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(_options.EventWebhookPublicKey))
        {
            try
            {
                _key = ECDsa.Create();
                _key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(_options.EventWebhookPublicKey), out _);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                throw new OptionsValidationException(nameof(EmailOptions), typeof(EmailOptions), ["Email:EventWebhookPublicKey must be SendGrid's verification key: base64 of a SubjectPublicKeyInfo."]);
            }
        }
    }

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _options.MaxInboundBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event batch is larger than Email:MaxInboundBytes allows.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event batch is larger than Email:MaxInboundBytes allows.");
        }

        var refusal = CheckSignature(request, body);
        if (refusal is not null)
        {
            Logs.EventsRefused(_logger, refusal, "unknown");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: refusal);
        }

        List<JsonElement> events;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The Event Webhook posts a JSON array of events.");
            }

            events = json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event batch is not valid JSON.");
        }

        foreach (var item in events)
        {
            await HandleEventAsync(item, cancellationToken);
        }

        return TypedResults.Ok();
    }

    private async Task HandleEventAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var eventId = Text(item, "sg_event_id");
        if (eventId is null || await _events.IsHandledAsync(eventId, cancellationToken))
        {
            return;
        }

        var kind = Text(item, "event");
        var negotiationId = Text(item, SendGridRequest.NegotiationIdArg);
        var partnerId = Text(item, SendGridRequest.PartnerIdArg);
        var messageKind = Text(item, SendGridRequest.KindArg);
        if (kind is "bounce" or "dropped" && negotiationId is not null && partnerId is not null && messageKind is not null && PartnerKinds.Contains(messageKind))
        {
            var email = Text(item, "email") ?? "unknown address";
            var reason = Text(item, "reason") ?? Text(item, "status") ?? kind;
            var type = Text(item, "type");
            var described = type is null ? $"{kind}: {reason}" : $"{kind} ({type}): {reason}";
            Logs.DeliveryProblem(_logger, negotiationId, partnerId, kind, described);
            await _sink.ReportAsync(negotiationId, partnerId, email, described, cancellationToken);
        }

        await _events.MarkHandledAsync(eventId, _time.GetUtcNow(), cancellationToken);
    }

    private string? CheckSignature(HttpRequest request, byte[] body)
    {
        if (_key is null)
        {
            return "Event webhook verification is not configured (Email:EventWebhookPublicKey).";
        }

        var signature = request.Headers[SignatureHeader].ToString();
        var timestamp = request.Headers[TimestampHeader].ToString();
        if (signature.Length == 0 || timestamp.Length == 0)
        {
            return "The signature or timestamp header is missing.";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _options.EventWebhookMaxAge)
        {
            return "The timestamp is not a recent Unix time.";
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return "The signature is not base64.";
        }

        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed, stamp.Length);
        return _key.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? null
            : "The signature does not match the body.";
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxInboundBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
