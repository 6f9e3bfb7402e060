using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.InMemory;

namespace LaaWorkflow.Durable.Tests.InMemory;

/// <summary>
/// The in-memory backend with delivery made worse: every message sent twice (at-least-once taken literally), or a send
/// failing right after a checkpoint committed (a crash between commit and send).
/// </summary>
internal sealed class FaultInjectingBackend : IDurableBackend, IIdleSignal, IMessageSender
{
    private readonly InMemoryBackend _inner;
    private int _failuresLeft;

    public FaultInjectingBackend(TimeProvider time, bool duplicateEverything = false, int failSendsAfterCommit = 0)
    {
        _inner = new InMemoryBackend(time);
        DuplicateEverything = duplicateEverything;
        _failuresLeft = failSendsAfterCommit;
        Tracking = new CommitWatchingStore(_inner.Tracking, this);
    }

    public bool DuplicateEverything { get; }

    public int InjectedFailures { get; private set; }

    public IOrchestrationWorkItemQueue Orchestrations => _inner.Orchestrations;

    public IActivityWorkItemQueue Activities => _inner.Activities;

    public ITrackingStore Tracking { get; }

    public IMessageSender Messages => this;

    public IPayloadStore Payloads => _inner.Payloads;

    public TimeSpan MaxMessageDelay => _inner.Messages.MaxMessageDelay;

    private bool FailNextSend { get; set; }

    public Task SendAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        if (FailNextSend)
        {
            FailNextSend = false;
            InjectedFailures++;
            throw new IOException("injected: the host stopped between the checkpoint and sending its messages");
        }

        return _inner.Messages.SendAsync(DuplicateEverything ? [.. messages, .. messages] : messages, cancellationToken);
    }

    public Task WaitForIdleAsync(CancellationToken cancellationToken) => _inner.WaitForIdleAsync(cancellationToken);

    private sealed class CommitWatchingStore(ITrackingStore inner, FaultInjectingBackend owner) : ITrackingStore
    {
        public async Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
        {
            var etag = await inner.CommitAsync(checkpoint, cancellationToken);
            lock (owner)
            {
                if (owner._failuresLeft > 0 && checkpoint.Outbox.Count > 0)
                {
                    owner._failuresLeft--;
                    owner.FailNextSend = true;
                }
            }

            return etag;
        }

        public Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken) => inner.LoadAsync(instanceId, cancellationToken);

        public Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken) => inner.ClearOutboxAsync(instanceId, etag, cancellationToken);

        public Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken) => inner.TryCreatePendingAsync(pending, cancellationToken);

        public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
            inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken);

        public Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken) =>
            inner.WaitForInstanceAsync(instanceId, condition, cancellationToken);

        public Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<IReadOnlyList<History.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
            inner.GetHistoryAsync(instanceId, cancellationToken);

        public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);
    }
}
