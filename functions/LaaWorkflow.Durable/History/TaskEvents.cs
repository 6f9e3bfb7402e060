namespace LaaWorkflow.Durable.History;

/// <summary>The orchestration scheduled an activity (<see cref="HistoryEvent.EventId"/> is the task id).</summary>
public sealed record TaskScheduledEvent(string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailedEvent(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>The orchestration started a sub-orchestration (<see cref="HistoryEvent.EventId"/> is the task id).</summary>
public sealed record SubOrchestrationInstanceCreatedEvent(string Name, string InstanceId, string? Input) : HistoryEvent
{
    /// <summary>The execution id given to the child, so a repeated start message is recognised.</summary>
    public string? ExecutionId { get; init; }
}

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationInstanceCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed.</summary>
public sealed record SubOrchestrationInstanceFailedEvent(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>The orchestration created a durable timer (<see cref="HistoryEvent.EventId"/> is the timer id).</summary>
public sealed record TimerCreatedEvent(DateTimeOffset FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFiredEvent(int TimerId, DateTimeOffset FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
public sealed record EventRaisedEvent(string Name, string? Input) : HistoryEvent
{
    /// <summary>The id of the message that carried it, so a redelivered message is applied once.</summary>
    public string? MessageId { get; init; }
}

/// <summary>The orchestration sent an event to another instance (<see cref="HistoryEvent.EventId"/> is the task id).</summary>
public sealed record EventSentEvent(string InstanceId, string Name, string? Input) : HistoryEvent;
