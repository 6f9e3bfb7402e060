using System.Collections.Concurrent;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Delivery;

/// <summary>
/// The outside effects of the delivery workload: each activity applies its effect keyed by its idempotency key, as a
/// real activity keys an email or a row, so a second run of the same work (a duplicated work item) applies nothing.
/// </summary>
internal sealed class EffectLedger
{
    private readonly ConcurrentDictionary<string, string> _effects = new(StringComparer.Ordinal);
    private int _runs;

    /// <summary>Activity runs, duplicates included.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Effects applied, at most one per key.</summary>
    public int Applied => _effects.Count;

    public IReadOnlyCollection<string> Keys => [.. _effects.Keys];

    public void Apply(TaskActivityContext context, string effect)
    {
        Interlocked.Increment(ref _runs);
        _effects.TryAdd(context.IdempotencyKey, effect);
    }

    /// <summary>Effects applied for one instance (its key starts with the instance id).</summary>
    public int AppliedFor(string instanceId) => _effects.Keys.Count(k => k.StartsWith(instanceId + ":", StringComparison.Ordinal));
}
