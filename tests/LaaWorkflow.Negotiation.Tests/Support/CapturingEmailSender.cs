using System.Collections.Concurrent;
using LaaWorkflow.Email;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// Records every email with the date it carries and the business time it actually went out at (the scenario's
/// calendar); like the real senders it sends a key only once.
/// </summary>
internal sealed class CapturingEmailSender(Func<DateTime> businessNow) : IEmailSender
{
    private readonly ConcurrentDictionary<string, SentEmail> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SentEmail> _sent = new();

    public IReadOnlyList<SentEmail> Sent => [.. _sent];

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sentAt = businessNow();
        var email = new SentEmail(message, message.BusinessTime?.UtcDateTime ?? sentAt, sentAt);
        if (!_byKey.TryAdd(message.Key, email))
        {
            return Task.FromResult(EmailSendResult.AlreadySent);
        }

        _sent.Enqueue(email);
        return Task.FromResult(EmailSendResult.Sent);
    }

    public IReadOnlyList<SentEmail> Of(EmailKind kind) => [.. Sent.Where(e => e.Message.Kind == kind)];
}

/// <summary>An email as sent.</summary>
/// <param name="Message">What the orchestration sent.</param>
/// <param name="At">The business instant it is dated with: for a rehearsal, the instant of what caused it.</param>
/// <param name="SentAt">The instant on the scenario's calendar at which it actually went out: later by the engine's latency.</param>
internal sealed record SentEmail(EmailMessage Message, DateTime At, DateTime SentAt)
{
    public EmailKind Kind => Message.Kind;

    public string To => Message.To.Email;
}
