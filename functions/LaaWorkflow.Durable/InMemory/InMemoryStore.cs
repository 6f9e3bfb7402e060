using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.InMemory;

/// <summary>The in-memory backend's state and its messaging: control inboxes per instance, one activity queue, delayed messages.</summary>
internal sealed partial class InMemoryStore : IMessageSender, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Queue<string> _readyInstances = new();
    private readonly HashSet<string> _readySet = new(StringComparer.Ordinal);
    private readonly Queue<TaskMessage> _readyActivities = new();
    private readonly PriorityQueue<TaskMessage, (DateTimeOffset At, long Sequence)> _delayed = new();
    private long _sequence;
    private DateTimeOffset? _timerDueAt;
    private int _lockedOrchestrations;
    private int _lockedActivities;
    private TaskCompletionSource _changed = NewSignal();
    private TaskCompletionSource _orchestrationWork = NewSignal();
    private TaskCompletionSource _activityWork = NewSignal();

    public InMemoryStore(TimeProvider time, InMemoryBackendOptions options)
    {
        _time = time;
        MaxMessageDelay = options.MaxMessageDelay;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan MaxMessageDelay { get; }

    public Task SendAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (message.VisibleAt is { } at && at - now > MaxMessageDelay)
                {
                    throw new ArgumentException($"Message {message.MessageId} is delayed by {at - now}, more than the limit of {MaxMessageDelay}.", nameof(messages));
                }
            }

            foreach (var message in messages)
            {
                Enqueue(message, now);
            }

            Pulse();
        }

        return Task.CompletedTask;
    }

    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (IsIdle())
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _timer.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // An instance that has not started is handed out only for its start, or to terminate it while it waits for a
    // scheduled start; events raised before the start stay in the inbox until then.
    private static bool IsReady(Slot slot) =>
        !slot.Locked && slot.Inbox.Count > 0 && (slot.History.Count > 0
            || slot.Inbox.Exists(m => m.Event is ExecutionStartedEvent)
            || (slot.Row is { RuntimeStatus: OrchestrationRuntimeStatus.Pending } && slot.Inbox.Exists(m => m.Event is ExecutionTerminatedEvent)));

    private bool IsIdle()
    {
        if (_lockedOrchestrations > 0 || _lockedActivities > 0 || _readyActivities.Count > 0)
        {
            return false;
        }

        foreach (var id in _readySet)
        {
            if (_slots.TryGetValue(id, out var slot) && IsReady(slot))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Wakes everyone waiting for a change. Called under the lock.</summary>
    private void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private void PulseOrchestrations()
    {
        var work = _orchestrationWork;
        _orchestrationWork = NewSignal();
        work.TrySetResult();
    }

    private void PulseActivities()
    {
        var work = _activityWork;
        _activityWork = NewSignal();
        work.TrySetResult();
    }

    private Slot GetOrCreateSlot(string instanceId)
    {
        if (!_slots.TryGetValue(instanceId, out var slot))
        {
            slot = new Slot();
            _slots[instanceId] = slot;
        }

        return slot;
    }

    private void Enqueue(TaskMessage message, DateTimeOffset now)
    {
        if (message.VisibleAt is { } at && at > now)
        {
            _delayed.Enqueue(message, (at, _sequence++));
            ArmTimer(now);
            return;
        }

        Deliver(message);
    }

    private void Deliver(TaskMessage message)
    {
        if (message.IsActivity)
        {
            _readyActivities.Enqueue(message);
            PulseActivities();
            return;
        }

        var slot = GetOrCreateSlot(message.InstanceId);
        slot.Inbox.Add(message);
        MarkIfReady(message.InstanceId, slot);
    }

    private void MarkIfReady(string instanceId, Slot slot)
    {
        if (IsReady(slot) && _readySet.Add(instanceId))
        {
            _readyInstances.Enqueue(instanceId);
            PulseOrchestrations();
        }
    }

    private void ArmTimer(DateTimeOffset now)
    {
        if (!_delayed.TryPeek(out _, out var next))
        {
            _timerDueAt = null;
            return;
        }

        if (_timerDueAt == next.At)
        {
            return;
        }

        _timerDueAt = next.At;
        var due = next.At - now;
        _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_delayed.TryPeek(out var message, out var due) && due.At <= now)
            {
                _delayed.Dequeue();
                Deliver(message);
            }

            _timerDueAt = null;
            ArmTimer(now);
            Pulse();
        }
    }

    private sealed class Slot
    {
        public InstanceRecord? Row { get; set; }

        public List<HistoryEvent> History { get; set; } = [];

        public long Version { get; set; }

        public List<TaskMessage> Outbox { get; set; } = [];

        public List<TaskMessage> Inbox { get; } = [];

        public bool Locked { get; set; }

        public List<TaskMessage>? LockedMessages { get; set; }
    }
}
