using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

/// <summary>The tracking store, reached only once the task hub exists (its first use creates the tables).</summary>
internal sealed class ReadyTrackingStore(AzureTrackingStore inner, Func<CancellationToken, Task<int>> ready) : ITrackingStore
{
    public async Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.LoadAsync(instanceId, cancellationToken);
    }

    public async Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.CommitAsync(checkpoint, cancellationToken);
    }

    public async Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        await inner.ClearOutboxAsync(instanceId, etag, cancellationToken);
    }

    public async Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.TryCreatePendingAsync(pending, cancellationToken);
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken);
    }

    public async Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.WaitForInstanceAsync(instanceId, condition, cancellationToken);
    }

    public async Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.QueryAsync(query, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.GetHistoryAsync(instanceId, cancellationToken);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        await ready(cancellationToken);
        return await inner.PurgeAsync(instanceId, cancellationToken);
    }
}
