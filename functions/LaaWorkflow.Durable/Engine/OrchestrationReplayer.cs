using LaaWorkflow.Durable.Engine;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Durable;

/// <summary>
/// Replays a recorded history against orchestrator code, outside any backend: the check that a code change still fits
/// the histories of instances already running (keep real histories as files beside the tests and replay them).
/// </summary>
public static class OrchestrationReplayer
{
    /// <summary>Replays <paramref name="history"/> against <paramref name="orchestrator"/> and returns the status it reaches.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The code no longer does what the history recorded.</exception>
    public static OrchestrationRuntimeStatus Replay(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        ArgumentNullException.ThrowIfNull(history);
        var executor = new OrchestrationExecutor("replay", _ => orchestrator, NullLoggerFactory.Instance, TimeSpan.MaxValue);
        executor.Replay(history);
        if (executor.FatalError is NonDeterministicOrchestrationException nonDeterministic)
        {
            throw nonDeterministic;
        }

        if (executor.DescribeUnrecordedWork() is { } unrecorded)
        {
            throw unrecorded;
        }

        return executor.Status;
    }

    /// <summary>Reads a history written by <see cref="WriteHistory"/> (or taken from the management API).</summary>
    public static IReadOnlyList<HistoryEvent> ReadHistory(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return DurableJson.Deserialize<List<HistoryEvent>>(json)
            ?? throw new ArgumentException("The history file holds no events.", nameof(json));
    }

    /// <summary>Writes a history as indented JSON, for checking in.</summary>
    public static string WriteHistory(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return System.Text.Json.JsonSerializer.Serialize(history, new System.Text.Json.JsonSerializerOptions(DurableJson.Options)
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
