using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Applying history events: the same code path for replayed and new events, which is what makes replay exact.</summary>
internal sealed partial class OrchestrationExecutor
{
    private void Apply(HistoryEvent e) => _sync.Run(() => ApplyCore(e));

    private void ApplyCore(HistoryEvent e)
    {
        Track(e);
        if (_suspended && IsDeferrable(e))
        {
            // A suspended instance keeps what arrives (it is in history) and acts on it when resumed.
            _deferred.Add(e);
            return;
        }

        switch (e)
        {
            case ExecutionStartedEvent started:
                OrchestratorName = started.Name;
                ExecutionId = started.ExecutionId;
                SerializedInput = started.Input;
                ParentInfo = started.Parent;
                Status = OrchestrationRuntimeStatus.Running;
                _executionStarted = true;
                _orchestrator = _resolveOrchestrator(started.Name);
                _seenMessageIds.UnionWith(started.EarlierEventIds ?? []);
                break;
            case OrchestratorStartedEvent:
                _now = e.Timestamp;
                if (_executionStarted && !_codeStarted)
                {
                    StartCode();
                }

                break;
            case TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent or TimerCreatedEvent or EventSentEvent:
                MatchAction(e);
                break;
            case TaskCompletedEvent completed:
                Resolve(completed.TaskScheduledId, open => open.Completion.TrySetResult(completed.Result));
                break;
            case TaskFailedEvent failed:
                Resolve(failed.TaskScheduledId, open => open.Completion.TrySetException(
                    new TaskFailedException(open.Name, failed.TaskScheduledId, failed.FailureDetails)));
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                _openSubOrchestrations.Remove(completed.TaskScheduledId);
                Resolve(completed.TaskScheduledId, open => open.Completion.TrySetResult(completed.Result));
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                _openSubOrchestrations.Remove(failed.TaskScheduledId);
                Resolve(failed.TaskScheduledId, open => open.Completion.TrySetException(
                    new TaskFailedException(open.Name, failed.TaskScheduledId, failed.FailureDetails)));
                break;
            case TimerFiredEvent fired:
                Resolve(fired.TimerId, open =>
                {
                    if (!open.Cancelled)
                    {
                        open.Completion.TrySetResult(null);
                    }
                });
                break;
            case EventRaisedEvent raised:
                DeliverEvent(raised.Name, raised.Input);
                break;
            case ExecutionSuspendedEvent:
                _suspended = true;
                Status = OrchestrationRuntimeStatus.Suspended;
                break;
            case ExecutionResumedEvent:
                _suspended = false;
                Status = OrchestrationRuntimeStatus.Running;
                var deferred = _deferred.ToList();
                _deferred.Clear();
                foreach (var later in deferred)
                {
                    ApplyCore(later);
                    _sync.Drain();
                }

                break;
            case ExecutionTerminatedEvent terminated:
                Terminate(terminated);
                break;
            case ExecutionCompletedEvent completed:
                Status = completed.Status;
                Output = completed.Result;
                Failure = completed.FailureDetails;
                _completionRecorded = true;
                break;
            default:
                // OrchestratorCompleted and ExecutionRewound carry no state of their own.
                break;
        }
    }

    private static bool IsDeferrable(HistoryEvent e) => e is TaskCompletedEvent or TaskFailedEvent
        or SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent or TimerFiredEvent or EventRaisedEvent;

    private void Track(HistoryEvent e)
    {
        switch (e)
        {
            case TaskCompletedEvent x: _resolvedTasks.Add(x.TaskScheduledId); break;
            case TaskFailedEvent x: _resolvedTasks.Add(x.TaskScheduledId); break;
            case SubOrchestrationInstanceCompletedEvent x: _resolvedTasks.Add(x.TaskScheduledId); break;
            case SubOrchestrationInstanceFailedEvent x: _resolvedTasks.Add(x.TaskScheduledId); break;
            case TimerFiredEvent x: _resolvedTasks.Add(x.TimerId); break;
            case EventRaisedEvent { MessageId: { } id }: _seenMessageIds.Add(id); break;
            default: break;
        }
    }

    private void StartCode()
    {
        _codeStarted = true;
        if (_orchestrator is null)
        {
            _task = Task.FromException<object?>(new InvalidOperationException(
                $"No orchestrator named '{OrchestratorName}' is registered with this worker."));
            return;
        }

        try
        {
            var input = DurableJson.Deserialize(SerializedInput, _orchestrator.InputType);
            _task = _orchestrator.RunAsync(this, input);
        }
#pragma warning disable CA1031 // Whatever the orchestrator throws becomes the instance's recorded failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _task = Task.FromException<object?>(ex);
        }
    }

    private void MatchAction(HistoryEvent recorded)
    {
        var id = recorded.EventId;
        _recordedTasks.Add(id);
        if (!_pendingActions.Remove(id, out var action))
        {
            throw new NonDeterministicOrchestrationException(id, HistoryDescriptions.Describe(recorded), "no such action (the code did not schedule it)");
        }

        if (!action.Matches(recorded))
        {
            throw new NonDeterministicOrchestrationException(id, HistoryDescriptions.Describe(recorded), action.Describe());
        }

        if (recorded is SubOrchestrationInstanceCreatedEvent created)
        {
            _openSubOrchestrations[id] = created.InstanceId;
        }
    }

    private void Resolve(int taskId, Action<OpenTask> complete)
    {
        if (_openTasks.Remove(taskId, out var open))
        {
            open.Registration.Dispose();
            complete(open);
        }
    }

    private void DeliverEvent(string name, string? input)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.Registration.Dispose();
            first.Value.Completion.TrySetResult(input);
            return;
        }

        _bufferedEvents.AddLast((name, input));
    }

    private void Terminate(ExecutionTerminatedEvent terminated)
    {
        Status = OrchestrationRuntimeStatus.Terminated;
        Output = terminated.Output;
        _completionRecorded = true;
        if (_replaying)
        {
            return;
        }

        NotifyParentOfFailure(new TaskFailureDetails("Terminated", $"The instance was terminated: {terminated.Output}", null, null));
        if (terminated.Recursive)
        {
            foreach (var child in _openSubOrchestrations.Values)
            {
                Send(new TaskMessage(NewMessageId(), child, null, new ExecutionTerminatedEvent(terminated.Output, true) { Timestamp = _now }));
            }
        }
    }

    private static string NewMessageId() => Guid.NewGuid().ToString("N");
}
