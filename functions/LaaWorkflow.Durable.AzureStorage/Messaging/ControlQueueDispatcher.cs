using System.Threading.Channels;
using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// Orchestration work items from the control queues of the partitions this host owns: messages are received in
/// batches, grouped by instance, and an instance is handed to one worker at a time with every message it has.
/// </summary>
/// <remarks>
/// Messages stay in the queue, hidden, until <see cref="CompleteAsync"/> deletes them after the checkpoint and the
/// sends; a host that dies leaves them to reappear for the partition's next owner. Messages for an instance that has
/// not started are held (and kept hidden) until its ExecutionStarted arrives, so events raised early are not lost.
/// </remarks>
internal sealed partial class ControlQueueDispatcher : IOrchestrationWorkItemQueue
{
    private const int ReceiveBatch = 32;
    private const int MaxBufferedPerPartition = 2_000;
    private const int MaxKnownInstances = 10_000;

    /// <summary>The longest real-time retry; a scheduled start waiting longer becomes a runtime-clock timer.</summary>
    private static readonly TimeSpan LongestQueueRetry = TimeSpan.FromSeconds(5);

    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly MessageCodec _codec;
    private readonly AzureStorageDurableOptions _options;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, Task> _beforeLock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<int, CancellationTokenSource> _partitions = [];
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal); // instances seen with history (see RememberStarted)
    private int _locked;

    public ControlQueueDispatcher(HubStorage storage, TaskHubNames names, MessageCodec codec, AzureStorageDurableOptions options, Func<CancellationToken, Task> beforeLock, ILogger logger)
    {
        _beforeLock = beforeLock;
        _storage = storage;
        _names = names;
        _codec = codec;
        _options = options;
        _logger = logger;
    }

    /// <summary>True when nothing is buffered ready or locked (messages held for unstarted instances do not count).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _locked == 0 && !_slots.Values.Any(s => s.IsReady);
            }
        }
    }

    public IReadOnlyCollection<int> Partitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _partitions.Keys];
            }
        }
    }

    public async Task<OrchestrationWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        // Only a worker locks work: the first call starts the partition leases, a client-only process never does.
        await _beforeLock(cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.MaxPollingInterval);
        while (true)
        {
            string instanceId;
            try
            {
                instanceId = await _ready.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            lock (_gate)
            {
                if (!_slots.TryGetValue(instanceId, out var slot))
                {
                    continue;
                }

                slot.Queued = false;
                if (!slot.IsReady)
                {
                    continue;
                }

                slot.Locked = true;
                _locked++;
                var taken = slot.Messages.ToList();
                slot.Messages.Clear();

                // ExecutionStarted first: an event raised before the start was sent before it, but applies after it.
                var ordered = taken.OrderBy(p => p.Message.Event is ExecutionStartedEvent ? 0 : 1).ToList();
                var held = new WorkItemLock(slot, ordered);
                _inFlight.Add(held);
                return new OrchestrationWorkItem(instanceId, [.. ordered.Select(p => p.Message)], held);
            }
        }
    }

    public async Task<bool> RenewAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (WorkItemLock)workItem.LockState!;
        if (!OwnsPartition(held.Slot.Partition))
        {
            return false;
        }

        try
        {
            // Short steps (the keeper's timeout), not the engine's long lock: a dead host's messages must come back soon.
            foreach (var pending in held.Messages)
            {
                await _storage.UpdateVisibilityAsync(pending.Queued, _options.MessageVisibilityTimeout, cancellationToken);
                pending.RenewedAt = Environment.TickCount64;
            }

            return true;
        }
        catch (StorageConflictException)
        {
            return false;
        }
    }

    public async Task CompleteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (WorkItemLock)workItem.LockState!;
        await Parallel.ForEachAsync(
            held.Messages,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (pending, ct) => await _storage.DeleteMessageAsync(pending.Queued, ct));
        Release(held, started: true);
    }

    /// <summary>
    /// Set by the backend: re-sends messages as due at a later time on the runtime clock. Long postponements (a
    /// scheduled start waiting for its hour) are measured on that clock, which may be virtual, so they cannot be
    /// expressed as queue visibility (real time).
    /// </summary>
    public Func<IReadOnlyList<TaskMessage>, TimeSpan, CancellationToken, Task>? DeferAsync { get; set; }

    /// <summary>Set by the backend: wake-ups when this host sends to a control queue.</summary>
    public QueuePokes Pokes { get; set; } = new();

    public async Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = (WorkItemLock)workItem.LockState!;
        var scheduledStart = held.Messages.Any(p => p.Message.Event is ExecutionStartedEvent { ScheduledStartTime: not null });
        if (scheduledStart && retryDelay > LongestQueueRetry && DeferAsync is not null)
        {
            // Send the later copies first, then drop these: a crash in between leaves a duplicate, never a loss.
            await DeferAsync([.. held.Messages.Select(p => p.Message)], retryDelay, cancellationToken);
            await CompleteAsync(workItem, cancellationToken);
            return;
        }

        foreach (var pending in held.Messages)
        {
            try
            {
                // Other postponements (events for an instance not started yet) are retried soon in real time: the
                // engine postpones again if it must, and a virtual clock that nobody advances cannot strand them.
                await _storage.UpdateVisibilityAsync(pending.Queued, retryDelay < LongestQueueRetry ? retryDelay : LongestQueueRetry, cancellationToken);
            }
            catch (StorageConflictException)
            {
                // Already redelivered elsewhere: nothing to hide.
            }
        }

        Release(held, started: false);
    }

    private void Release(WorkItemLock held, bool started)
    {
        var slot = held.Slot;
        lock (_gate)
        {
            _inFlight.Remove(held);
            slot.Locked = false;
            _locked--;
            slot.Started |= started;
            if (started)
            {
                RememberStarted(slot.InstanceId);
            }

            if (slot.Messages.Count == 0 || !_partitions.ContainsKey(slot.Partition))
            {
                _slots.Remove(slot.InstanceId);
            }
            else
            {
                MarkReady(slot);
            }
        }
    }

    /// <summary>Queues the slot for a worker unless it is already queued, locked or not ready. Call under the gate.</summary>
    private void MarkReady(InstanceSlot slot)
    {
        if (slot.IsReady && !slot.Queued)
        {
            slot.Queued = true;
            _ready.Writer.TryWrite(slot.InstanceId);
        }
    }

    private bool OwnsPartition(int partition)
    {
        lock (_gate)
        {
            return _partitions.ContainsKey(partition);
        }
    }

    /// <summary>One message the dispatcher holds: the task message and the queue receipt to renew or delete it.</summary>
    private sealed class Pending(TaskMessage message, QueuedMessage queued)
    {
        public TaskMessage Message { get; } = message;

        public QueuedMessage Queued { get; } = queued;

        public long RenewedAt { get; set; } = Environment.TickCount64;
    }

    /// <summary>The messages held for one instance and whether a worker has it.</summary>
    private sealed class InstanceSlot(string instanceId, int partition)
    {
        public string InstanceId { get; } = instanceId;

        public int Partition { get; } = partition;

        public List<Pending> Messages { get; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }

        /// <summary>The instance has history (or its ExecutionStarted is among <see cref="Messages"/>).</summary>
        public bool Started { get; set; }

        // Handed out once it has started, or to terminate it while it waits for a scheduled start (the engine then
        // marks the Pending row Terminated and discards the start when it comes); other early events wait.
        public bool IsReady => !Locked && Messages.Count > 0 && (Started || Messages.Any(p => p.Message.Event is ExecutionStartedEvent or ExecutionTerminatedEvent));
    }

    private sealed record WorkItemLock(InstanceSlot Slot, IReadOnlyList<Pending> Messages);

    /// <summary>
    /// Remembers that an instance has history, which spares a status read when it is next sent a message without its
    /// start. Only a shortcut, so it is bounded: past the limit it starts again empty rather than holding every instance
    /// this host ever ran (finished ones included) for the life of the process. Call under the gate.
    /// </summary>
    private void RememberStarted(string instanceId)
    {
        if (_known.Count >= MaxKnownInstances)
        {
            _known.Clear();
        }

        _known.Add(instanceId);
    }
}
