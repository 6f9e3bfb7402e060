namespace LaaWorkflow.Email;

/// <summary>One email to send.</summary>
/// <remarks>
/// <see cref="Key"/> is the idempotency key: every transport sends a key at most once (barring the one window
/// documented on the SendGrid transport), so callers derive it deterministically, for example from the
/// orchestration instance id and the task id, and reuse it on every retry.
/// </remarks>
public sealed record EmailMessage
{
    /// <summary>Creates a message; the subject has control characters replaced so it cannot add headers.</summary>
    public EmailMessage(
        string Key,
        EmailKind Kind,
        EmailAddress To,
        string Subject,
        string Text,
        string Html,
        string NegotiationId,
        string? PartnerId = null,
        EmailAddress? ReplyTo = null,
        IReadOnlyList<EmailAddress>? Cc = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Key);
        ArgumentNullException.ThrowIfNull(To);
        ArgumentNullException.ThrowIfNull(Subject);
        ArgumentNullException.ThrowIfNull(Text);
        ArgumentNullException.ThrowIfNull(Html);
        ArgumentException.ThrowIfNullOrWhiteSpace(NegotiationId);
        if (Key.Length > 512 || Key.Any(char.IsControl))
        {
            throw new ArgumentException("The message key must be at most 512 characters without control characters.", nameof(Key));
        }

        this.Key = Key;
        this.Kind = Kind;
        this.To = To;
        this.Subject = HeaderText.Clean(Subject);
        this.Text = Text;
        this.Html = Html;
        this.NegotiationId = NegotiationId;
        this.PartnerId = string.IsNullOrWhiteSpace(PartnerId) ? null : PartnerId;
        this.ReplyTo = ReplyTo;
        this.Cc = Cc ?? [];
    }

    /// <summary>
    /// When the message counts as sent on the negotiation's calendar: set for a rehearsal, whose business time runs
    /// ahead of the real clock; null means now. The outbox stamps it; a real transport sends in real time regardless.
    /// </summary>
    public DateTimeOffset? BusinessTime { get; init; }

    /// <summary>The deterministic idempotency key chosen by the caller.</summary>
    public string Key { get; }

    /// <summary>What the message is for.</summary>
    public EmailKind Kind { get; }

    /// <summary>The recipient.</summary>
    public EmailAddress To { get; }

    /// <summary>Copies; empty when none.</summary>
    public IReadOnlyList<EmailAddress> Cc { get; }

    /// <summary>Where replies go; for partner emails the address that carries the answer token.</summary>
    public EmailAddress? ReplyTo { get; }

    /// <summary>The subject, one line.</summary>
    public string Subject { get; }

    /// <summary>The plain-text body.</summary>
    public string Text { get; }

    /// <summary>The HTML body.</summary>
    public string Html { get; }

    /// <summary>The negotiation the message belongs to.</summary>
    public string NegotiationId { get; }

    /// <summary>The partner the message concerns, when it concerns one.</summary>
    public string? PartnerId { get; }
}
