namespace LaaWorkflow.TaskHub;

/// <summary>An instance's history as the management API shows it, read from the task hub's History table.</summary>
public interface IOrchestrationHistory
{
    /// <summary>The events of the instance's latest execution, oldest first; empty when it has none.</summary>
    Task<IReadOnlyList<HistoryRecord>> GetAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>One history event: its type as Durable Functions names it, when, and what it carried.</summary>
/// <param name="EventType">ExecutionStarted, TaskScheduled, TaskCompleted, TimerCreated, EventRaised, ...</param>
/// <param name="Timestamp">When the event was recorded (engine time).</param>
/// <param name="Name">The activity, sub-orchestration or event name, where there is one.</param>
/// <param name="Input">What was handed in (inputs, event payloads), serialized.</param>
/// <param name="Result">What came back (outputs, results), serialized.</param>
/// <param name="ScheduledId">The id of the event that scheduled this one, for completions.</param>
/// <param name="FireAt">For timers: when they fire (engine time).</param>
/// <param name="Reason">For failures and terminations: why.</param>
/// <param name="InstanceId">For sub-orchestrations: the child's instance id.</param>
/// <param name="EventId">The event's id within the execution (-1 where it has none).</param>
/// <param name="OrchestrationStatus">For the execution's end: how it ended.</param>
public sealed record HistoryRecord(
    string EventType,
    DateTime Timestamp,
    string? Name = null,
    string? Input = null,
    string? Result = null,
    int? ScheduledId = null,
    DateTime? FireAt = null,
    string? Reason = null,
    string? InstanceId = null,
    int? EventId = null,
    string? OrchestrationStatus = null);
