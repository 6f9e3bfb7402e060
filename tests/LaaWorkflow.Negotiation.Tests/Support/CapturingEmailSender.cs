using System.Collections.Concurrent;
using LaaWorkflow.Email;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// Records every email with the business time it was sent at (the scenario's calendar); like the real senders it
/// sends a key only once.
/// </summary>
internal sealed class CapturingEmailSender(Func<DateTime> businessNow) : IEmailSender
{
    private readonly ConcurrentDictionary<string, SentEmail> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SentEmail> _sent = new();

    public IReadOnlyList<SentEmail> Sent => [.. _sent];

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var email = new SentEmail(message, businessNow());
        if (!_byKey.TryAdd(message.Key, email))
        {
            return Task.FromResult(EmailSendResult.AlreadySent);
        }

        _sent.Enqueue(email);
        return Task.FromResult(EmailSendResult.Sent);
    }

    public IReadOnlyList<SentEmail> Of(EmailKind kind) => [.. Sent.Where(e => e.Message.Kind == kind)];
}

/// <summary>An email as sent, with the business instant it went out at.</summary>
internal sealed record SentEmail(EmailMessage Message, DateTime At)
{
    public EmailKind Kind => Message.Kind;

    public string To => Message.To.Email;
}
