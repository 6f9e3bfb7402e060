using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Engine;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Durable.Tests.Replay.Randomised;

/// <summary>
/// Two checks of one recorded execution against orchestrator code: a replay of the whole history, and a re-execution
/// that feeds the code only what came from outside (the start, results, timers, events), episode by episode, and
/// compares every action it produces with the one recorded.
/// </summary>
internal static class ReplayCheck
{
    /// <summary>The first disagreement between code and history, or null when the code reproduces it exactly.</summary>
    public static string? FindDivergence(string instanceId, IReadOnlyList<HistoryEvent> history, ITaskOrchestrator orchestrator, TimeSpan maxTimerDelay)
    {
        var replayed = NewExecutor(instanceId, orchestrator, maxTimerDelay);
        replayed.Replay(history);
        if (replayed.FatalError is { } fatal)
        {
            return $"replay: {fatal.Message}";
        }

        if (replayed.DescribeUnrecordedWork() is { } extra)
        {
            return $"replay: {extra.Message}";
        }

        var recorded = history.OfType<ExecutionCompletedEvent>().SingleOrDefault();
        if (recorded is null || replayed.Status != recorded.Status)
        {
            return $"replay: status {replayed.Status}, recorded {recorded?.Status}";
        }

        return Reexecute(instanceId, history, orchestrator, maxTimerDelay);
    }

    private static string? Reexecute(string instanceId, IReadOnlyList<HistoryEvent> history, ITaskOrchestrator orchestrator, TimeSpan maxTimerDelay)
    {
        var executor = NewExecutor(instanceId, orchestrator, maxTimerDelay);
        var episode = 0;
        foreach (var recorded in Episodes(history))
        {
            var started = recorded.OfType<OrchestratorStartedEvent>().First();
            var inbound = recorded.Where(IsInbound).Select(e => new TaskMessage($"m{episode}-{e.EventId}", instanceId, null, e)).ToList();
            var produced = executor.RunEpisode(inbound, started.Timestamp).NewEvents;
            var expected = recorded.Select(Describe).ToList();
            var actual = produced.Select(Describe).ToList();
            if (!expected.SequenceEqual(actual))
            {
                return $"episode {episode}: recorded [{string.Join("; ", expected)}] but the code produced [{string.Join("; ", actual)}]";
            }

            episode++;
        }

        return executor.IsFinished ? null : $"the code has not finished after {episode} episodes";
    }

    /// <summary>History cut into episodes: from OrchestratorStarted (with the ExecutionStarted before the first) to OrchestratorCompleted.</summary>
    private static IEnumerable<List<HistoryEvent>> Episodes(IReadOnlyList<HistoryEvent> history)
    {
        var current = new List<HistoryEvent>();
        foreach (var e in history)
        {
            current.Add(e);
            if (e is OrchestratorCompletedEvent)
            {
                yield return current;
                current = [];
            }
        }
    }

    private static bool IsInbound(HistoryEvent e) => e is ExecutionStartedEvent or TaskCompletedEvent or TaskFailedEvent
        or SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent or TimerFiredEvent or EventRaisedEvent
        or ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent;

    /// <summary>An event as compared: its kind, id, time and what it carries (a failure by its type and message only).</summary>
    private static string Describe(HistoryEvent e) => $"{e.GetType().Name}#{e.EventId}@{e.Timestamp:O} " + e switch
    {
        TaskScheduledEvent x => $"{x.Name}({x.Input})",
        TaskCompletedEvent x => $"{x.TaskScheduledId}={x.Result}",
        TaskFailedEvent x => $"{x.TaskScheduledId}!{x.FailureDetails.ErrorType}: {x.FailureDetails.ErrorMessage}",
        TimerCreatedEvent x => $"{x.FireAt:O}",
        TimerFiredEvent x => $"{x.TimerId}@{x.FireAt:O}",
        SubOrchestrationInstanceCreatedEvent x => $"{x.Name}:{x.InstanceId}:{x.ExecutionId}({x.Input})",
        SubOrchestrationInstanceCompletedEvent x => $"{x.TaskScheduledId}={x.Result}",
        SubOrchestrationInstanceFailedEvent x => $"{x.TaskScheduledId}!{x.FailureDetails.ErrorType}",
        EventRaisedEvent x => $"{x.Name}={x.Input}",
        EventSentEvent x => $"{x.InstanceId}:{x.Name}={x.Input}",
        ExecutionStartedEvent x => $"{x.Name}:{x.ExecutionId}({x.Input})",
        ExecutionCompletedEvent x => $"{x.Status}={x.Result} {x.FailureDetails?.ErrorType}",
        _ => "",
    };

    private static OrchestrationExecutor NewExecutor(string instanceId, ITaskOrchestrator orchestrator, TimeSpan maxTimerDelay) =>
        new(instanceId, _ => orchestrator, NullLoggerFactory.Instance, maxTimerDelay);
}
