using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Decides what a work item means for an instance: a new execution, a rewind, an episode, or nothing.</summary>
internal sealed class EpisodePlanner(Func<string, OrchestrationExecutor> newExecutor, TimeSpan unstartedRetryDelay)
{
    public OrchestrationExecutor NewExecutor(string instanceId) => newExecutor(instanceId);

    public EpisodeDecision Plan(InstanceSession session, IReadOnlyList<TaskMessage> messages, DateTimeOffset now, TimeSpan maxDelay)
    {
        var current = session.Executor;
        var instanceId = session.Row?.InstanceId;
        TaskMessage? rejected = null;
        if (messages.Any(m => m.Event is ExecutionStartedEvent start && IsStaleStart(start, session)))
        {
            // Redelivered starts of executions that already began (and may have continued as new since): not news.
            messages = [.. messages.Where(m => m.Event is not ExecutionStartedEvent start || !IsStaleStart(start, session))];
            if (messages.Count == 0)
            {
                return new EpisodeDecision.Discard("a start of an execution that already began");
            }
        }

        var startIndex = FindNewStart(messages, current);
        if (startIndex >= 0)
        {
            var startMessage = messages[startIndex];
            var start = (ExecutionStartedEvent)startMessage.Event;
            if (current is { IsFinished: false, FatalError: null } && current.Status != OrchestrationRuntimeStatus.Pending)
            {
                // Another execution is running: the start is stale, or a parent asked for an instance id that is busy.
                // A parent is told, so it does not wait forever.
                messages = [.. messages.Where((_, i) => i != startIndex)];
                if (start.Parent is { } parent)
                {
                    rejected = new TaskMessage(Guid.NewGuid().ToString("N"), parent.InstanceId, parent.ExecutionId, new SubOrchestrationInstanceFailedEvent(
                        parent.TaskScheduledId,
                        new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"Orchestration instance '{current.InstanceId}' is already running.", null, null))
                    {
                        Timestamp = now,
                    });
                }
            }
            else if (current is null && session.Row is { } row && row.ExecutionId == start.ExecutionId && row.RuntimeStatus.IsTerminal())
            {
                // Terminated while it waited for its scheduled start: the start is void.
                return new EpisodeDecision.Discard($"instance was {row.RuntimeStatus} before it started");
            }
            else
            {
                if (start.ScheduledStartTime is { } startAt && startAt > now)
                {
                    var wait = startAt - now;
                    return new EpisodeDecision.Postpone(wait < maxDelay ? wait : maxDelay);
                }

                var fresh = newExecutor(startMessage.InstanceId);
                IReadOnlyList<TaskMessage> ordered = [startMessage, .. messages.Where((_, i) => i != startIndex)];
                var result = fresh.RunEpisode(ordered, now);
                return Commit(session, fresh, replaceHistory: true, result.NewEvents, result.Outbox, now);
            }
        }

        if (current is null && session.Row is { RuntimeStatus: OrchestrationRuntimeStatus.Pending } pending
            && messages.FirstOrDefault(m => m.Event is ExecutionTerminatedEvent)?.Event is ExecutionTerminatedEvent terminated)
        {
            // Terminated before its scheduled start: record the end on the row; the delayed start will find it.
            var row = pending with { RuntimeStatus = OrchestrationRuntimeStatus.Terminated, Output = terminated.Output, LastUpdatedAt = now };
            return new EpisodeDecision.Commit(new Checkpoint(pending.InstanceId, session.ETag, false, [], row, []), null);
        }

        if (current is null)
        {
            // Events for an instance that has not started are kept until it does (a backend that hands them out early
            // gets them back later); anything else for an unknown instance is stale.
            return messages.Any(m => m.Event is EventRaisedEvent)
                ? new EpisodeDecision.Postpone(unstartedRetryDelay)
                : new EpisodeDecision.Discard($"instance {instanceId ?? messages[0].InstanceId} has not started");
        }

        if (current.Status == OrchestrationRuntimeStatus.Failed && messages.Any(m => m.Event is ExecutionRewoundEvent))
        {
            return Rewind(session, current, messages, now);
        }

        if (current.IsFinished)
        {
            // After ContinueAsNew the next execution's start is on its way, perhaps overtaken by messages meant for it
            // (events raised meanwhile, or the unprocessed events it carries over): those wait for it.
            return current.Status == OrchestrationRuntimeStatus.ContinuedAsNew
                && messages.Any(m => m.Event is not ExecutionStartedEvent && m.ExecutionId != current.ExecutionId)
                ? new EpisodeDecision.Postpone(unstartedRetryDelay)
                : new EpisodeDecision.Discard($"instance is {current.Status}");
        }

        if (rejected is null && messages.All(current.IsDuplicate))
        {
            // Nothing new: no episode, so a redelivered batch costs no checkpoint and leaves history as it was.
            return new EpisodeDecision.Discard("every message was already applied");
        }

        var episode = current.RunEpisode(messages, now);
        IReadOnlyList<TaskMessage> outbox = rejected is null ? episode.Outbox : [.. episode.Outbox, rejected];
        return Commit(session, current, replaceHistory: false, episode.NewEvents, outbox, now);
    }

    /// <summary>The history of a failed execution with its failures taken out, so replay schedules the failed work again.</summary>
    public static (List<HistoryEvent> History, List<string> FailedChildren) RewindHistory(IReadOnlyList<HistoryEvent> history)
    {
        var failedTasks = history.OfType<TaskFailedEvent>().Select(e => e.TaskScheduledId).ToHashSet();
        var failedSubs = history.OfType<SubOrchestrationInstanceFailedEvent>().Select(e => e.TaskScheduledId).ToHashSet();
        var children = history.OfType<SubOrchestrationInstanceCreatedEvent>()
            .Where(e => failedSubs.Contains(e.EventId))
            .Select(e => e.InstanceId)
            .ToList();
        var kept = history.Where(e => e switch
        {
            TaskFailedEvent or SubOrchestrationInstanceFailedEvent or ExecutionCompletedEvent => false,
            TaskScheduledEvent scheduled => !failedTasks.Contains(scheduled.EventId),
            _ => true,
        }).ToList();
        return (kept, children);
    }

    /// <summary>
    /// A start that must not begin an execution: a copy of the start of an execution the instance already had. A start
    /// from ContinueAsNew is only fresh for the execution it continues; a sub-orchestration start repeats the one that
    /// began the current chain when it names the same parent call; a client's start is fresh only when the instance row
    /// (which the client writes before sending it) names its execution.
    /// </summary>
    private static bool IsStaleStart(ExecutionStartedEvent start, InstanceSession session)
    {
        var current = session.Executor;
        if (current is not null && start.ExecutionId == current.ExecutionId)
        {
            // A copy of the current execution's own start: the episode drops it as a duplicate.
            return false;
        }

        if (start.ContinuedFrom is { } previous)
        {
            return current is not { Status: OrchestrationRuntimeStatus.ContinuedAsNew } || current.ExecutionId != previous;
        }

        if (start.Parent is { } parent)
        {
            return current is not null && current.ParentInfo == parent;
        }

        return session.Row is { } row && row.ExecutionId is not null && row.ExecutionId != start.ExecutionId;
    }

    private static int FindNewStart(IReadOnlyList<TaskMessage> messages, OrchestrationExecutor? current)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Event is ExecutionStartedEvent start && start.ExecutionId != current?.ExecutionId)
            {
                return i;
            }
        }

        return -1;
    }

    private EpisodeDecision Rewind(InstanceSession session, OrchestrationExecutor failed, IReadOnlyList<TaskMessage> messages, DateTimeOffset now)
    {
        var (history, failedChildren) = RewindHistory(failed.History);
        var rewound = newExecutor(failed.InstanceId);
        rewound.Replay(history);
        var rewind = messages.First(m => m.Event is ExecutionRewoundEvent);
        var rest = messages.Where(m => m.Event is not ExecutionRewoundEvent && m.Event is not ExecutionStartedEvent).ToList();
        var episode = rewound.RunEpisode(rest, now);
        var events = new List<HistoryEvent>(history.Count + episode.NewEvents.Count + 1);
        events.AddRange(history);
        events.Add(rewind.Event with { Timestamp = now });
        events.AddRange(episode.NewEvents);
        var outbox = episode.Outbox.Concat(failedChildren.Select(child =>
            new TaskMessage(Guid.NewGuid().ToString("N"), child, null, new ExecutionRewoundEvent("Parent rewound") { Timestamp = now }))).ToList();
        return Commit(session, rewound, replaceHistory: true, events, outbox, now);
    }

    private static EpisodeDecision.Commit Commit(
        InstanceSession session, OrchestrationExecutor executor, bool replaceHistory, IReadOnlyList<HistoryEvent> events, IReadOnlyList<TaskMessage> outbox, DateTimeOffset now)
    {
        var row = executor.ToInstanceRecord(session.Row?.CreatedAt ?? now, now);
        var checkpoint = new Checkpoint(executor.InstanceId, session.ETag, replaceHistory, events, row, outbox);
        return new EpisodeDecision.Commit(checkpoint, executor);
    }
}
