namespace LaaWorkflow.Durable.History;

/// <summary>An execution began: always the first event of an execution's history.</summary>
public sealed record ExecutionStartedEvent(string Name, string ExecutionId, string? Input) : HistoryEvent
{
    /// <summary>Set when a parent orchestration started this one.</summary>
    public ParentInstanceInfo? Parent { get; init; }

    /// <summary>The start time requested by the client, if later than scheduling.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>
    /// For a start sent by ContinueAsNew: the execution that continued. Only that execution, ended as ContinuedAsNew,
    /// accepts it, so a redelivered start of an earlier execution cannot begin the instance again.
    /// </summary>
    public string? ContinuedFrom { get; init; }

    /// <summary>
    /// For a start sent by ContinueAsNew: the message ids of the latest events earlier executions took (at most
    /// <c>MaxEarlierEventIds</c>), so a redelivered copy of one arriving after ContinueAsNew is not taken again.
    /// </summary>
    public IReadOnlyList<string>? EarlierEventIds { get; init; }
}

/// <summary>An execution ended: completed, failed, or continued as new.</summary>
public sealed record ExecutionCompletedEvent(OrchestrationRuntimeStatus Status, string? Result) : HistoryEvent
{
    /// <summary>The failure, when <see cref="Status"/> is Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }
}

/// <summary>An operator terminated the instance.</summary>
public sealed record ExecutionTerminatedEvent(string? Output, bool Recursive) : HistoryEvent;

/// <summary>An operator suspended the instance.</summary>
public sealed record ExecutionSuspendedEvent(string? Reason) : HistoryEvent;

/// <summary>An operator resumed a suspended instance.</summary>
public sealed record ExecutionResumedEvent(string? Reason) : HistoryEvent;

/// <summary>An operator rewound a failed instance: failed tasks are run again.</summary>
public sealed record ExecutionRewoundEvent(string? Reason) : HistoryEvent;

/// <summary>An episode began; its timestamp is the orchestration's <c>CurrentUtcDateTime</c> during the episode.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent;

/// <summary>An episode ended.</summary>
public sealed record OrchestratorCompletedEvent : HistoryEvent;
