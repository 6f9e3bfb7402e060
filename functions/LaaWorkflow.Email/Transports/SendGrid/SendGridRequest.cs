using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace LaaWorkflow.Email.Transports.SendGrid;

/// <summary>Our message as the SendGrid package's <see cref="SendGridMessage"/>, with the fields we use.</summary>
internal static class SendGridRequest
{
    /// <summary>The header carrying our idempotency key, so a message can be traced in SendGrid's activity feed.</summary>
    public const string MessageKeyHeader = "X-LAA-Message-Key";

    /// <summary>The custom argument names; SendGrid echoes them on every Event Webhook event.</summary>
    public const string NegotiationIdArg = "negotiationId";
    public const string PartnerIdArg = "partnerId";
    public const string KindArg = "kind";
    public const string MessageKeyArg = "messageKey";

    public static SendGridMessage Create(EmailMessage message, EmailAddress from)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(from);
        var mail = new SendGridMessage
        {
            From = Address(from),
            Subject = message.Subject,
            ReplyTo = message.ReplyTo is null ? null : Address(message.ReplyTo),
        };
        mail.AddTo(Address(message.To));
        if (message.Cc.Count > 0)
        {
            mail.AddCcs(message.Cc.Select(Address).ToList());
        }

        // Plain text first: SendGrid requires text/plain to lead when both are sent.
        mail.AddContent("text/plain", message.Text);
        mail.AddContent("text/html", message.Html);
        mail.AddCategory(message.Kind.ToString());

        // Set on the message rather than with AddCustomArg/AddHeader, which put them on the personalization: the
        // message-level fields hold for every recipient, copies included, whatever personalizations are added later.
        mail.CustomArgs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NegotiationIdArg] = message.NegotiationId,
            [KindArg] = message.Kind.ToString(),
            [MessageKeyArg] = message.Key,
        };
        if (message.PartnerId is not null)
        {
            mail.CustomArgs[PartnerIdArg] = message.PartnerId;
        }

        mail.Headers = new Dictionary<string, string>(StringComparer.Ordinal) { [MessageKeyHeader] = HeaderText.Clean(message.Key) };
        return mail;
    }

    private static SendGridAddress Address(EmailAddress address) => new(address.Email, address.Name);
}
