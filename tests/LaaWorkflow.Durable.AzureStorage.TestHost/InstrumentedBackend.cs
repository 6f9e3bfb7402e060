using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.AzureStorage.TestHost;

/// <summary>
/// The real backend with crash points between its steps, and a log of every orchestration work item's lock interval
/// (wall clock, per host), which the two-host test checks for overlaps.
/// </summary>
public sealed class InstrumentedBackend(IDurableBackend inner, CrashPoints crash, TableClient episodes, string host) : IDurableBackend
{
    public IOrchestrationWorkItemQueue Orchestrations { get; } = new LoggedQueue(inner.Orchestrations, crash, episodes, host);

    public IActivityWorkItemQueue Activities => inner.Activities;

    public ITrackingStore Tracking { get; } = new CrashingTracking(inner.Tracking, crash);

    public IMessageSender Messages { get; } = new CrashingSender(inner.Messages, crash);

    public IPayloadStore Payloads => inner.Payloads;

    private sealed class CrashingTracking(ITrackingStore inner, CrashPoints crash) : ITrackingStore
    {
        public Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken) => inner.LoadAsync(instanceId, cancellationToken);

        public async Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
        {
            await crash.HitAsync("before-commit");
            var etag = await inner.CommitAsync(checkpoint, cancellationToken);
            await crash.HitAsync("after-commit");
            return etag;
        }

        public Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken) => inner.ClearOutboxAsync(instanceId, etag, cancellationToken);

        public Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken) => inner.TryCreatePendingAsync(pending, cancellationToken);

        public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
            inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken);

        public Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken) =>
            inner.WaitForInstanceAsync(instanceId, condition, cancellationToken);

        public Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) => inner.GetHistoryAsync(instanceId, cancellationToken);

        public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);
    }

    private sealed class CrashingSender(IMessageSender inner, CrashPoints crash) : IMessageSender
    {
        public TimeSpan MaxMessageDelay => inner.MaxMessageDelay;

        public async Task SendAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
        {
            await inner.SendAsync(messages, cancellationToken);
            await crash.HitAsync(messages.Any(m => m.Event is TaskCompletedEvent) ? "after-result-send" : "after-send");
        }
    }

    private sealed class LoggedQueue(IOrchestrationWorkItemQueue inner, CrashPoints crash, TableClient episodes, string host) : IOrchestrationWorkItemQueue
    {
        private readonly Dictionary<OrchestrationWorkItem, DateTimeOffset> _started = [];

        public async Task<OrchestrationWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
        {
            var item = await inner.LockNextAsync(lockDuration, cancellationToken);
            if (item is not null)
            {
                lock (_started)
                {
                    _started[item] = DateTimeOffset.UtcNow;
                }
            }

            return item;
        }

        public Task<bool> RenewAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken) =>
            inner.RenewAsync(workItem, lockDuration, cancellationToken);

        public async Task CompleteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
        {
            await crash.HitAsync("before-complete");
            await LogAsync(workItem, "completed");
            await inner.CompleteAsync(workItem, cancellationToken);
        }

        public async Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
        {
            await LogAsync(workItem, "abandoned");
            await inner.AbandonAsync(workItem, retryDelay, cancellationToken);
        }

        /// <summary>Written before the lock is released, so the logged interval covers the whole episode.</summary>
        private async Task LogAsync(OrchestrationWorkItem workItem, string outcome)
        {
            DateTimeOffset started;
            lock (_started)
            {
                _started.Remove(workItem, out started);
            }

            var end = DateTimeOffset.UtcNow;
            var row = new TableEntity(workItem.InstanceId, $"{started.UtcTicks:D19}-{host}-{Guid.NewGuid():N}")
            {
                ["Host"] = host,
                ["StartTicks"] = started.UtcTicks,
                ["EndTicks"] = end.UtcTicks,
                ["Outcome"] = outcome,
            };
            await episodes.AddEntityAsync(row);
        }
    }
}
