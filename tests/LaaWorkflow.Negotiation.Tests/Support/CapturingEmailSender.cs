using System.Collections.Concurrent;
using LaaWorkflow.Email;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>Records every email with the (virtual) time it was sent; like the real senders it sends a key only once.</summary>
internal sealed class CapturingEmailSender(TimeProvider time) : IEmailSender
{
    private readonly ConcurrentDictionary<string, SentEmail> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SentEmail> _sent = new();

    public int Attempts => _attempts;

    private int _attempts;

    public IReadOnlyList<SentEmail> Sent => [.. _sent];

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _attempts);
        var email = new SentEmail(message, time.GetUtcNow().UtcDateTime);
        if (!_byKey.TryAdd(message.Key, email))
        {
            return Task.FromResult(EmailSendResult.AlreadySent);
        }

        _sent.Enqueue(email);
        return Task.FromResult(EmailSendResult.Sent);
    }

    public IReadOnlyList<SentEmail> Of(EmailKind kind) => [.. Sent.Where(e => e.Message.Kind == kind)];

    public IReadOnlyList<SentEmail> To(string address) => [.. Sent.Where(e => e.Message.To.Email == address)];
}

internal sealed record SentEmail(EmailMessage Message, DateTime At)
{
    public EmailKind Kind => Message.Kind;

    public string To => Message.To.Email;
}
