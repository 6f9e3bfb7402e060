using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Something the code asked for that must be recorded in history (and usually sent) once.</summary>
internal abstract record OrchestrationAction(int Id)
{
    /// <summary>How the action reads in a non-determinism error.</summary>
    public abstract string Describe();

    /// <summary>True when <paramref name="recorded"/> is the history event this action produces.</summary>
    public abstract bool Matches(HistoryEvent recorded);
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestrationAction(Id)
{
    public override string Describe() => $"CallActivity('{Name}')";

    public override bool Matches(HistoryEvent recorded) => recorded is TaskScheduledEvent e && e.Name == Name;
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string ExecutionId, string? Input) : OrchestrationAction(Id)
{
    public override string Describe() => $"CallSubOrchestrator('{Name}', instance '{InstanceId}')";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is SubOrchestrationInstanceCreatedEvent e && e.Name == Name && e.InstanceId == InstanceId;
}

internal sealed record CreateTimerAction(int Id, DateTimeOffset FireAt) : OrchestrationAction(Id)
{
    public override string Describe() => $"CreateTimer({FireAt:O})";

    public override bool Matches(HistoryEvent recorded) => recorded is TimerCreatedEvent;
}

internal sealed record SendEventAction(int Id, string InstanceId, string Name, string? Input) : OrchestrationAction(Id)
{
    public override string Describe() => $"SendEvent('{Name}' to '{InstanceId}')";

    public override bool Matches(HistoryEvent recorded) => recorded is EventSentEvent e && e.Name == Name && e.InstanceId == InstanceId;
}

/// <summary>How a recorded action event reads in a non-determinism error.</summary>
internal static class HistoryDescriptions
{
    public static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"CallActivity('{t.Name}')",
        SubOrchestrationInstanceCreatedEvent s => $"CallSubOrchestrator('{s.Name}', instance '{s.InstanceId}')",
        TimerCreatedEvent t => $"CreateTimer({t.FireAt:O})",
        EventSentEvent s => $"SendEvent('{s.Name}' to '{s.InstanceId}')",
        _ => e.GetType().Name,
    };
}
