using System.Collections.Concurrent;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// In-process wake-ups for idle pollers: when this host sends to a queue it also receives from, the receiver stops
/// backing off at once instead of finding the message at its next poll. Other hosts' messages still arrive by polling.
/// </summary>
internal sealed class QueuePokes
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Poke(string queue)
    {
        var signal = Signal(queue);
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    /// <summary>Waits up to <paramref name="delay"/>; true when woken by a poke.</summary>
    public Task<bool> WaitAsync(string queue, TimeSpan delay, CancellationToken cancellationToken) =>
        Signal(queue).WaitAsync(delay, cancellationToken);

    private SemaphoreSlim Signal(string queue) => _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0, int.MaxValue));
}
