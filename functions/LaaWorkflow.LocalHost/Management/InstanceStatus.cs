using System.Text.Json.Nodes;
using LaaWorkflow.TaskHub;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.LocalHost.Management;

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
/// Shapes history the way Durable Functions shows it: a task's scheduling folded into its completion, which carries
/// the function name and when it was scheduled, PascalCase property names.
/// </summary>
internal static class HistoryShape
{
    private static readonly HashSet<string> s_completions = new(StringComparer.Ordinal)
    {
        "TaskCompleted", "TaskFailed", "SubOrchestrationInstanceCompleted", "SubOrchestrationInstanceFailed",
    };

    public static IReadOnlyList<JsonObject> Shape(IReadOnlyList<HistoryRecord> history, bool showOutput)
    {
        var scheduled = new Dictionary<int, (string? Name, DateTime At)>();
        var completed = new HashSet<int>(history.Where(e => s_completions.Contains(e.EventType) && e.ScheduledId is not null).Select(e => e.ScheduledId!.Value));
        var shaped = new List<JsonObject>();
        for (var position = 0; position < history.Count; position++)
        {
            var e = history[position];
            if (e.EventType is "TaskScheduled" or "SubOrchestrationInstanceCreated" && e.EventId is { } id)
            {
                scheduled[id] = (e.Name, e.Timestamp);
                if (completed.Contains(id))
                {
                    continue;
                }
            }

            var row = new JsonObject { ["EventType"] = e.EventType, ["EventId"] = e.EventId ?? -1, ["Timestamp"] = e.Timestamp };
            if (e.Name is not null)
            {
                row[e.EventType is "EventRaised" or "EventSent" ? "Name" : "FunctionName"] = e.Name;
            }

            if (e.ScheduledId is { } taskId && scheduled.TryGetValue(taskId, out var task))
            {
                row["FunctionName"] = task.Name;
                row["ScheduledTime"] = task.At;
            }

            if (e.InstanceId is not null)
            {
                row["InstanceId"] = e.InstanceId;
            }

            if (e.FireAt is { } fireAt)
            {
                row["FireAt"] = fireAt;
            }

            if (e.Reason is not null)
            {
                row["Reason"] = e.Reason;
            }

            if (showOutput && e.Result is not null)
            {
                row["Result"] = InstanceStatus.Parse(e.Result);
            }

            if (showOutput && e.Input is not null && e.EventType is "EventRaised" or "ExecutionTerminated")
            {
                row["Input"] = InstanceStatus.Parse(e.Input);
            }

            if (e.OrchestrationStatus is not null)
            {
                row["OrchestrationStatus"] = e.OrchestrationStatus;
            }

            shaped.Add(row);
        }

        return shaped;
    }
}
