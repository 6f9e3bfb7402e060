using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Turning the code's new actions and its completion into history events and outbound messages.</summary>
internal sealed partial class OrchestrationExecutor
{
    private void FlushActions(DateTimeOffset now)
    {
        foreach (var action in _pendingActions.Values)
        {
            _recordedTasks.Add(action.Id);
            switch (action)
            {
                case ScheduleTaskAction task:
                    var scheduled = new TaskScheduledEvent(task.Name, task.Input) { EventId = task.Id, Timestamp = now };
                    Record(scheduled, apply: false);
                    Send(new TaskMessage(NewMessageId(), InstanceId, ExecutionId, scheduled));
                    break;
                case CreateTimerAction timer:
                    Record(new TimerCreatedEvent(timer.FireAt) { EventId = timer.Id, Timestamp = now }, apply: false);
                    Send(new TaskMessage(NewMessageId(), InstanceId, ExecutionId, new TimerFiredEvent(timer.Id, timer.FireAt) { Timestamp = timer.FireAt })
                    {
                        VisibleAt = timer.FireAt,
                    });
                    break;
                case CreateSubOrchestrationAction sub:
                    Record(new SubOrchestrationInstanceCreatedEvent(sub.Name, sub.InstanceId, sub.Input)
                    {
                        EventId = sub.Id,
                        Timestamp = now,
                        ExecutionId = sub.ExecutionId,
                    }, apply: false);
                    _openSubOrchestrations[sub.Id] = sub.InstanceId;
                    Send(new TaskMessage(NewMessageId(), sub.InstanceId, null, new ExecutionStartedEvent(sub.Name, sub.ExecutionId, sub.Input)
                    {
                        Timestamp = now,
                        Parent = new ParentInstanceInfo(OrchestratorName, InstanceId, ExecutionId, sub.Id),
                    }));
                    break;
                case SendEventAction send:
                    Record(new EventSentEvent(send.InstanceId, send.Name, send.Input) { EventId = send.Id, Timestamp = now }, apply: false);
                    var messageId = NewMessageId();
                    Send(new TaskMessage(messageId, send.InstanceId, null, new EventRaisedEvent(send.Name, send.Input) { MessageId = messageId, Timestamp = now }));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
            }
        }

        _pendingActions.Clear();
    }

    private void CheckCompletion(DateTimeOffset now)
    {
        if (_fatal is not null)
        {
            Complete(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(_fatal), now);
            return;
        }

        if (_task is not { IsCompleted: true } task)
        {
            return;
        }

        if (task.IsFaulted)
        {
            var error = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            Complete(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error), now);
        }
        else if (task.IsCanceled)
        {
            Complete(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(
                typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled (an awaited wait or timer was cancelled and not handled).", null, null), now);
        }
        else if (_continueAsNew is { } next)
        {
            Complete(OrchestrationRuntimeStatus.ContinuedAsNew, next.Input, null, now);
            StartNextExecution(next.Input, next.Preserve, now);
        }
        else if (!_openTasks.Values.Any(t => t.IsTimer && !t.Cancelled))
        {
            // An instance with an uncancelled timer outstanding is not complete yet: cancel the timer that lost a race.
            Complete(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(task.Result), null, now);
        }
    }

    private void Complete(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, DateTimeOffset now)
    {
        Record(new ExecutionCompletedEvent(status, output) { FailureDetails = failure, Timestamp = now }, apply: true);
        if (status == OrchestrationRuntimeStatus.Completed && ParentInfo is { } parent)
        {
            Send(new TaskMessage(NewMessageId(), parent.InstanceId, parent.ExecutionId,
                new SubOrchestrationInstanceCompletedEvent(parent.TaskScheduledId, output) { Timestamp = now }));
        }
        else if (status == OrchestrationRuntimeStatus.Failed)
        {
            NotifyParentOfFailure(failure!);
        }
    }

    private void NotifyParentOfFailure(TaskFailureDetails failure)
    {
        if (ParentInfo is { } parent)
        {
            Send(new TaskMessage(NewMessageId(), parent.InstanceId, parent.ExecutionId,
                new SubOrchestrationInstanceFailedEvent(parent.TaskScheduledId, failure) { Timestamp = _now }));
        }
    }

    /// <summary>
    /// The message ids of the events this and earlier executions took, newest last, at most
    /// <see cref="MaxEarlierEventIds"/>: a copy redelivered after ContinueAsNew comes soon after its original, so
    /// the latest ids are the ones that matter, and the list stays small however often the instance continues.
    /// </summary>
    private List<string> LatestEventIds()
    {
        var earlier = _history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.EarlierEventIds ?? [];
        var ids = earlier.Concat(_history.OfType<EventRaisedEvent>().Select(e => e.MessageId).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count <= MaxEarlierEventIds ? ids : ids[^MaxEarlierEventIds..];
    }

    private void StartNextExecution(string? input, bool preserveEvents, DateTimeOffset now)
    {
        var executionId = NewMessageId();
        Send(new TaskMessage(NewMessageId(), InstanceId, null, new ExecutionStartedEvent(OrchestratorName, executionId, input)
        {
            Parent = ParentInfo,
            Timestamp = now,
            ContinuedFrom = ExecutionId,
            EarlierEventIds = LatestEventIds(),
        }));
        if (!preserveEvents)
        {
            return;
        }

        // Events received but not yet awaited follow the start, in the order they arrived.
        foreach (var (name, payload) in _bufferedEvents)
        {
            var messageId = NewMessageId();
            Send(new TaskMessage(messageId, InstanceId, executionId, new EventRaisedEvent(name, payload) { MessageId = messageId, Timestamp = now }));
        }

        foreach (var deferred in _deferred.OfType<EventRaisedEvent>())
        {
            var messageId = NewMessageId();
            Send(new TaskMessage(messageId, InstanceId, executionId, deferred with { MessageId = messageId }));
        }
    }
}
