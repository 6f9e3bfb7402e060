using System.Text.Json.Nodes;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Functions.Api.Management;

/// <summary>An instance as Durable Functions' HTTP API describes it.</summary>
internal sealed record InstanceStatus(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonNode? Input,
    JsonNode? CustomStatus,
    JsonNode? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyList<JsonObject>? HistoryEvents)
{
    public static InstanceStatus From(OrchestrationMetadata metadata, bool showInput, IReadOnlyList<JsonObject>? history) => new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        showInput ? Parse(metadata.SerializedInput) : null,
        Parse(metadata.SerializedCustomStatus),
        metadata.FailureDetails is { } failure && metadata.SerializedOutput is null
            ? JsonValue.Create(failure.ErrorMessage)
            : Parse(metadata.SerializedOutput),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        history);

    /// <summary>Stored payloads are JSON text; they are shown as JSON, or as a string when they are not JSON.</summary>
    public static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}

/// <summary>
/// Shapes history the way Durable Functions shows it: episode markers left out, a task's
/// completion carrying the function name and when it was scheduled, PascalCase property names.
/// </summary>
internal static class HistoryShape
{
    public static IReadOnlyList<JsonObject> Shape(IReadOnlyList<HistoryEvent> history, bool showOutput)
    {
        var scheduled = new Dictionary<int, (string Name, DateTimeOffset At)>();
        var completedIds = new HashSet<int>();
        foreach (var historyEvent in history)
        {
            switch (historyEvent)
            {
                case TaskScheduledEvent task:
                    scheduled[task.EventId] = (task.Name, task.Timestamp);
                    break;
                case SubOrchestrationInstanceCreatedEvent sub:
                    scheduled[sub.EventId] = (sub.Name, sub.Timestamp);
                    break;
                case TaskCompletedEvent or TaskFailedEvent or SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent:
                    completedIds.Add(TaskId(historyEvent));
                    break;
                default:
                    break;
            }
        }

        var shaped = new List<JsonObject>();
        foreach (var historyEvent in history)
        {
            var row = historyEvent switch
            {
                OrchestratorStartedEvent or OrchestratorCompletedEvent => null,
                TaskScheduledEvent task when completedIds.Contains(task.EventId) => null,
                SubOrchestrationInstanceCreatedEvent sub when completedIds.Contains(sub.EventId) => null,
                ExecutionStartedEvent started => Row("ExecutionStarted", started, ("FunctionName", started.Name)),
                ExecutionCompletedEvent done => Row("ExecutionCompleted", done, ("OrchestrationStatus", done.Status.ToString()),
                    ("Result", showOutput ? InstanceStatus.Parse(done.Result) : null), ("FailureDetails", done.FailureDetails?.ErrorMessage)),
                ExecutionTerminatedEvent terminated => Row("ExecutionTerminated", terminated, ("Input", InstanceStatus.Parse(terminated.Output))),
                ExecutionSuspendedEvent suspended => Row("ExecutionSuspended", suspended, ("Reason", suspended.Reason)),
                ExecutionResumedEvent resumed => Row("ExecutionResumed", resumed, ("Reason", resumed.Reason)),
                ExecutionRewoundEvent rewound => Row("ExecutionRewound", rewound, ("Reason", rewound.Reason)),
                TaskScheduledEvent task => Row("TaskScheduled", task, ("FunctionName", task.Name)),
                TaskCompletedEvent done => Completed("TaskCompleted", done, done.TaskScheduledId, scheduled, ("Result", showOutput ? InstanceStatus.Parse(done.Result) : null)),
                TaskFailedEvent failed => Completed("TaskFailed", failed, failed.TaskScheduledId, scheduled, ("Reason", failed.FailureDetails.ErrorMessage)),
                SubOrchestrationInstanceCreatedEvent sub => Row("SubOrchestrationInstanceCreated", sub, ("FunctionName", sub.Name), ("InstanceId", sub.InstanceId)),
                SubOrchestrationInstanceCompletedEvent done => Completed("SubOrchestrationInstanceCompleted", done, done.TaskScheduledId, scheduled, ("Result", showOutput ? InstanceStatus.Parse(done.Result) : null)),
                SubOrchestrationInstanceFailedEvent failed => Completed("SubOrchestrationInstanceFailed", failed, failed.TaskScheduledId, scheduled, ("Reason", failed.FailureDetails.ErrorMessage)),
                TimerCreatedEvent timer => Row("TimerCreated", timer, ("FireAt", timer.FireAt)),
                TimerFiredEvent fired => Row("TimerFired", fired, ("FireAt", fired.FireAt), ("TimerId", fired.TimerId)),
                EventRaisedEvent raised => Row("EventRaised", raised, ("Name", raised.Name), ("Input", showOutput ? InstanceStatus.Parse(raised.Input) : null)),
                EventSentEvent sent => Row("EventSent", sent, ("Name", sent.Name), ("InstanceId", sent.InstanceId)),
                _ => Row(historyEvent.GetType().Name.Replace("Event", "", StringComparison.Ordinal), historyEvent),
            };
            if (row is not null)
            {
                shaped.Add(row);
            }
        }
        return shaped;
    }

    private static int TaskId(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompletedEvent e => e.TaskScheduledId,
        TaskFailedEvent e => e.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent e => e.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent e => e.TaskScheduledId,
        _ => -1,
    };

    private static JsonObject Completed(string type, HistoryEvent historyEvent, int taskId,
        Dictionary<int, (string Name, DateTimeOffset At)> scheduled, params (string, object?)[] fields)
    {
        var row = Row(type, historyEvent, fields);
        if (scheduled.TryGetValue(taskId, out var task))
        {
            row["FunctionName"] = task.Name;
            row["ScheduledTime"] = task.At;
        }
        return row;
    }

    private static JsonObject Row(string type, HistoryEvent historyEvent, params (string Name, object? Value)[] fields)
    {
        var row = new JsonObject { ["EventType"] = type, ["EventId"] = historyEvent.EventId, ["Timestamp"] = historyEvent.Timestamp };
        foreach (var (name, value) in fields)
        {
            row[name] = value switch
            {
                null => null,
                JsonNode node => node,
                string text => text,
                DateTimeOffset at => at,
                int number => number,
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return row;
    }
}
