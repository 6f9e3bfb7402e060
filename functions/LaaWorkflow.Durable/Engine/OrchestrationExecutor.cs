using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.Engine;

/// <summary>
/// One execution of one orchestration instance, rebuilt by replaying its history and then driven episode by episode.
/// The worker keeps it in memory between episodes, so an episode costs the same however long the history is.
/// </summary>
/// <remarks>
/// It is also the orchestration's <see cref="TaskOrchestrationContext"/>. Not thread-safe: one episode at a time, which
/// the backend guarantees by locking the instance.
/// </remarks>
internal sealed partial class OrchestrationExecutor : TaskOrchestrationContext
{
    /// <summary>The largest serialized custom status, in UTF-8 bytes.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>How many event message ids a ContinueAsNew carries into the next execution.</summary>
    public const int MaxEarlierEventIds = 200;

    private readonly Func<string, ITaskOrchestrator?> _resolveOrchestrator;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeSpan _maxTimerDelay;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly List<HistoryEvent> _history = [];
    private readonly SortedDictionary<int, OrchestrationAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly HashSet<int> _recordedTasks = [];
    private readonly HashSet<int> _resolvedTasks = [];
    private readonly Dictionary<int, string> _openSubOrchestrations = [];
    private readonly LinkedList<(string Name, string? Input)> _bufferedEvents = new();
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _seenMessageIds = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _deferred = [];

    private ITaskOrchestrator? _orchestrator;
    private Task<object?>? _task;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _executionStarted;
    private bool _codeStarted;
    private bool _suspended;
    private bool _completionRecorded;
    private bool _replaying = true;
    private DateTimeOffset _now;
    private (string? Input, bool Preserve)? _continueAsNew;
    private Exception? _fatal;
    private List<HistoryEvent>? _episodeEvents;
    private List<TaskMessage>? _episodeOutbox;

    public OrchestrationExecutor(string instanceId, Func<string, ITaskOrchestrator?> resolveOrchestrator, ILoggerFactory loggerFactory, TimeSpan maxTimerDelay)
    {
        InstanceId = instanceId;
        _resolveOrchestrator = resolveOrchestrator;
        _loggerFactory = loggerFactory;
        _maxTimerDelay = maxTimerDelay;
    }

    public override string InstanceId { get; }

    public string OrchestratorName { get; private set; } = string.Empty;

    public string ExecutionId { get; private set; } = string.Empty;

    public string? SerializedInput { get; private set; }

    public ParentInstanceInfo? ParentInfo { get; private set; }

    public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Pending;

    public string? Output { get; private set; }

    public TaskFailureDetails? Failure { get; private set; }

    public string? CustomStatus { get; private set; }

    /// <summary>True once the execution has ended (completed, failed, terminated or continued as new).</summary>
    public bool IsFinished => _completionRecorded;

    /// <summary>The execution's history so far, oldest first.</summary>
    public IReadOnlyList<HistoryEvent> History => _history;

    /// <summary>The error that stopped replay (non-determinism, unknown orchestrator), if any.</summary>
    public Exception? FatalError => _fatal;

    /// <summary>Rebuilds state from stored history. A non-determinism error is kept and fails the next episode.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        _replaying = true;
        foreach (var e in history)
        {
            _history.Add(e);
            if (_fatal is not null)
            {
                continue;
            }

            try
            {
                Apply(e);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                _fatal = ex;
            }
        }
    }

    /// <summary>
    /// After replaying a finished execution: the error when the code would still do more than history records (an
    /// action with no recorded event, or code that has not returned), which a replay alone does not notice because the
    /// recorded completion ends it. Null when code and history end together.
    /// </summary>
    public NonDeterministicOrchestrationException? DescribeUnrecordedWork()
    {
        if (!_completionRecorded || _fatal is not null || Status != OrchestrationRuntimeStatus.Completed && Status != OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            return null;
        }

        if (_pendingActions.Values.FirstOrDefault() is { } action)
        {
            return new NonDeterministicOrchestrationException(action.Id, "the end of the execution", action.Describe());
        }

        return _task is { IsCompleted: false }
            ? new NonDeterministicOrchestrationException(_nextTaskId, "the end of the execution", "a wait that history never ends")
            : null;
    }

    /// <summary>Applies new messages as one episode and returns what it adds to history and sends.</summary>
    public EpisodeResult RunEpisode(IReadOnlyList<TaskMessage> inbound, DateTimeOffset now)
    {
        _replaying = false;
        _episodeEvents = [];
        _episodeOutbox = [];
        try
        {
            var remaining = inbound;
            if (!_executionStarted && inbound.Count > 0 && inbound[0].Event is ExecutionStartedEvent start)
            {
                Record(start with { Timestamp = now }, apply: true);
                remaining = [.. inbound.Skip(1)];
            }

            Record(new OrchestratorStartedEvent { Timestamp = now }, apply: _fatal is null);
            foreach (var message in remaining)
            {
                if (IsDuplicate(message))
                {
                    continue;
                }

                if (message.Event is EventRaisedEvent raised && raised.MessageId is null)
                {
                    Record(raised with { MessageId = message.MessageId }, apply: _fatal is null);
                }
                else
                {
                    Record(message.Event, apply: _fatal is null);
                }
            }

            if (!_completionRecorded)
            {
                FlushActions(now);
                CheckCompletion(now);
            }

            Record(new OrchestratorCompletedEvent { Timestamp = now }, apply: false);
            return new EpisodeResult(_episodeEvents, _episodeOutbox);
        }
        finally
        {
            _episodeEvents = null;
            _episodeOutbox = null;
        }
    }

    /// <summary>Builds the instance row as it stands after the last episode.</summary>
    public InstanceRecord ToInstanceRecord(DateTimeOffset createdAt, DateTimeOffset now) => new(InstanceId, OrchestratorName)
    {
        ExecutionId = ExecutionId,
        RuntimeStatus = Status,
        CreatedAt = createdAt,
        LastUpdatedAt = now,
        Input = SerializedInput,
        Output = Output,
        CustomStatus = CustomStatus,
        FailureDetails = Failure,
        ParentInstanceId = ParentInfo?.InstanceId,
    };

    private void Record(HistoryEvent e, bool apply)
    {
        _history.Add(e);
        _episodeEvents?.Add(e);
        if (apply)
        {
            Apply(e);
        }
    }

    private void Send(TaskMessage message) => _episodeOutbox?.Add(message);

    /// <summary>
    /// True when the message changes nothing: a copy of one already applied, a result nobody waits for, or anything
    /// for a previous or finished execution. Such messages are dropped, never applied twice.
    /// </summary>
    public bool IsDuplicate(TaskMessage message)
    {
        if (_completionRecorded)
        {
            return true;
        }

        if (message.ExecutionId is not null && message.ExecutionId != ExecutionId)
        {
            return true;
        }

        return message.Event switch
        {
            ExecutionStartedEvent => true,
            ExecutionRewoundEvent => true,
            TaskCompletedEvent e => !IsAwaitingResult(e.TaskScheduledId),
            TaskFailedEvent e => !IsAwaitingResult(e.TaskScheduledId),
            SubOrchestrationInstanceCompletedEvent e => !IsAwaitingResult(e.TaskScheduledId),
            SubOrchestrationInstanceFailedEvent e => !IsAwaitingResult(e.TaskScheduledId),
            TimerFiredEvent e => !IsAwaitingResult(e.TimerId),
            EventRaisedEvent e => _seenMessageIds.Contains(e.MessageId ?? message.MessageId),
            _ => false,
        };
    }

    private bool IsAwaitingResult(int taskId) => _recordedTasks.Contains(taskId) && !_resolvedTasks.Contains(taskId);

    private sealed class OpenTask(string name, bool isTimer)
    {
        public string Name { get; } = name;

        public bool IsTimer { get; } = isTimer;

        public bool Cancelled { get; set; }

        public TaskCompletionSource<string?> Completion { get; } = new();

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class EventWaiter
    {
        public TaskCompletionSource<string?> Completion { get; } = new();

        public CancellationTokenRegistration Registration { get; set; }
    }
}

/// <summary>What one episode adds to history and sends.</summary>
internal sealed record EpisodeResult(IReadOnlyList<HistoryEvent> NewEvents, IReadOnlyList<TaskMessage> Outbox);
