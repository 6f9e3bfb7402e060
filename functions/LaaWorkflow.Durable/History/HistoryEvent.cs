using System.Text.Json.Serialization;

namespace LaaWorkflow.Durable.History;

/// <summary>One recorded fact in an orchestration's history. History is append-only within an execution.</summary>
/// <remarks>
/// Warning: history is stored and replayed; the type discriminators and property names are a storage format.
/// Add new event types or optional properties; never rename or remove them.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "executionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "executionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "executionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "executionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "executionResumed")]
[JsonDerivedType(typeof(ExecutionRewoundEvent), "executionRewound")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "orchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "orchestratorCompleted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "taskFailed")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "subOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "subOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "subOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "timerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "timerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "eventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "eventSent")]
public abstract record HistoryEvent
{
    /// <summary>The task sequence number for events that start a task (scheduled, created, timer, sent); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded (UTC, from the runtime's clock).</summary>
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Where a sub-orchestration reports back to.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id.</param>
/// <param name="TaskScheduledId">The parent's task id for the call.</param>
public sealed record ParentInstanceInfo(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
