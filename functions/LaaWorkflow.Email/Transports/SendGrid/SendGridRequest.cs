using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaaWorkflow.Email.Transports.SendGrid;

/// <summary>The body of SendGrid's <c>POST /v3/mail/send</c>, with the fields we use.</summary>
internal static class SendGridRequest
{
    /// <summary>The header carrying our idempotency key, so a message can be traced in SendGrid's activity feed.</summary>
    public const string MessageKeyHeader = "X-LAA-Message-Key";

    /// <summary>The custom argument names; SendGrid echoes them on every Event Webhook event.</summary>
    public const string NegotiationIdArg = "negotiationId";
    public const string PartnerIdArg = "partnerId";
    public const string KindArg = "kind";
    public const string MessageKeyArg = "messageKey";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize(EmailMessage message, EmailAddress from)
    {
        var customArgs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NegotiationIdArg] = message.NegotiationId,
            [KindArg] = message.Kind.ToString(),
            [MessageKeyArg] = message.Key,
        };
        if (message.PartnerId is not null)
        {
            customArgs[PartnerIdArg] = message.PartnerId;
        }

        var body = new MailSend(
            [new Personalization([Address(message.To)], message.Cc.Count == 0 ? null : message.Cc.Select(Address).ToList())],
            Address(from),
            message.ReplyTo is null ? null : Address(message.ReplyTo),
            message.Subject,
            [new Content("text/plain", message.Text), new Content("text/html", message.Html)],
            [message.Kind.ToString()],
            customArgs,
            new Dictionary<string, string>(StringComparer.Ordinal) { [MessageKeyHeader] = HeaderText.Clean(message.Key) });
        return JsonSerializer.Serialize(body, Json);
    }

    private static Mailbox Address(EmailAddress address) => new(address.Email, address.Name);

    private sealed record MailSend(
        IReadOnlyList<Personalization> Personalizations,
        Mailbox From,
        Mailbox? ReplyTo,
        string Subject,
        IReadOnlyList<Content> Content,
        IReadOnlyList<string> Categories,
        IReadOnlyDictionary<string, string> CustomArgs,
        IReadOnlyDictionary<string, string> Headers);

    private sealed record Personalization(IReadOnlyList<Mailbox> To, IReadOnlyList<Mailbox>? Cc);

    private sealed record Mailbox(string Email, string? Name);

    private sealed record Content(string Type, string Value);
}
