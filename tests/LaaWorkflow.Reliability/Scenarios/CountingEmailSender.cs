using System.Collections.Concurrent;
using LaaWorkflow.Email;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// The real email transport, watched: counts for each message key how often the transport says it sent it, so a
/// key sent twice (the duplicate email a partner would receive) is seen, whatever the activity did.
/// </summary>
internal sealed class CountingEmailSender(IEmailSender inner) : IEmailSender
{
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
    private int _alreadySent;

    /// <summary>Keys the transport sent more than once.</summary>
    public int DuplicateKeys => _sent.Count(kv => kv.Value > 1);

    /// <summary>Messages sent.</summary>
    public int Sent => _sent.Count;

    /// <summary>Repeated sends the transport recognised and refused (a duplicated activity doing its work again).</summary>
    public int AlreadySent => Volatile.Read(ref _alreadySent);

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await inner.SendAsync(message, cancellationToken);
        if (result == EmailSendResult.Sent)
        {
            _sent.AddOrUpdate(message.Key, 1, (_, n) => n + 1);
        }
        else
        {
            Interlocked.Increment(ref _alreadySent);
        }

        return result;
    }
}
