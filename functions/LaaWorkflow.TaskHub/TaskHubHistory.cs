using System.Globalization;
using System.Text.Json;
using DurableTask.Core.History;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// Reads history straight from the backend: the gRPC sidecar streams history only to the worker running an episode,
/// so the management API asks the orchestration service, which returns the events as Newtonsoft JSON.
/// </summary>
internal sealed class TaskHubHistory(LocalTaskHub hub) : IOrchestrationHistory
{
    public async Task<IReadOnlyList<HistoryRecord>> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await hub.Client.GetOrchestrationHistoryAsync(instanceId, executionId: null!);
        }
        catch (NotImplementedException)
        {
            // The in-memory backend (tests only) keeps no readable history.
            return [];
        }

        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var records = new List<HistoryRecord>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            var type = e.TryGetProperty("EventType", out var t) && t.ValueKind == JsonValueKind.Number ? (EventType)t.GetInt32() : EventType.GenericEvent;
            if (type is EventType.OrchestratorStarted or EventType.OrchestratorCompleted)
            {
                // Episode markers: Durable Functions' HTTP API leaves them out too.
                continue;
            }

            records.Add(new HistoryRecord(
                type.ToString(),
                Date(e, "Timestamp") ?? DateTime.MinValue,
                Text(e, "Name"),
                Text(e, "Input"),
                Text(e, "Result"),
                e.TryGetProperty("TaskScheduledId", out var scheduled) && scheduled.ValueKind == JsonValueKind.Number ? scheduled.GetInt32() : null,
                Date(e, "FireAt"),
                Text(e, "Reason") ?? Text(e, "Details"),
                Text(e, "InstanceId"),
                e.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null,
                e.TryGetProperty("OrchestrationStatus", out var status) && status.ValueKind == JsonValueKind.Number
                    ? ((DurableTask.Core.OrchestrationStatus)status.GetInt32()).ToString()
                    : null));
        }

        return records;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? Date(JsonElement e, string name) =>
        Text(e, name) is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
