using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.InMemory;

/// <summary>Locking, completing and abandoning work items.</summary>
internal sealed partial class InMemoryStore
{
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task available;
            lock (_gate)
            {
                while (_readyInstances.TryDequeue(out var instanceId))
                {
                    _readySet.Remove(instanceId);
                    if (!_slots.TryGetValue(instanceId, out var slot) || !IsReady(slot))
                    {
                        continue;
                    }

                    var messages = slot.Inbox.ToList();
                    slot.Inbox.Clear();
                    slot.Locked = true;
                    slot.LockedMessages = messages;
                    _lockedOrchestrations++;
                    return new OrchestrationWorkItem(instanceId, messages, messages);
                }

                available = _orchestrationWork.Task;
            }

            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void CompleteOrchestration(OrchestrationWorkItem workItem) => ReleaseOrchestration(workItem, requeue: null);

    public void AbandonOrchestration(OrchestrationWorkItem workItem, TimeSpan retryDelay) => ReleaseOrchestration(workItem, retryDelay);

    public async Task<ActivityWorkItem?> LockNextActivityAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task available;
            lock (_gate)
            {
                if (_readyActivities.TryDequeue(out var message))
                {
                    _lockedActivities++;
                    return new ActivityWorkItem(message, null);
                }

                available = _activityWork.Task;
            }

            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void CompleteActivity() => ReleaseActivity(null, null);

    public void AbandonActivity(ActivityWorkItem workItem, TimeSpan retryDelay) => ReleaseActivity(workItem.Message, retryDelay);

    private void ReleaseOrchestration(OrchestrationWorkItem workItem, TimeSpan? requeue)
    {
        lock (_gate)
        {
            _lockedOrchestrations--;
            var now = _time.GetUtcNow();
            if (!_slots.TryGetValue(workItem.InstanceId, out var slot) || !ReferenceEquals(slot.LockedMessages, workItem.LockState))
            {
                // Purged while locked: nothing to release.
                Pulse();
                return;
            }

            slot.Locked = false;
            slot.LockedMessages = null;
            if (requeue is { } delay)
            {
                if (delay <= TimeSpan.Zero)
                {
                    slot.Inbox.InsertRange(0, workItem.Messages);
                }
                else
                {
                    foreach (var message in workItem.Messages)
                    {
                        Enqueue(message with { VisibleAt = now + delay }, now);
                    }
                }
            }

            MarkIfReady(workItem.InstanceId, slot);
            Pulse();
        }
    }

    private void ReleaseActivity(TaskMessage? requeue, TimeSpan? delay)
    {
        lock (_gate)
        {
            _lockedActivities--;
            if (requeue is not null)
            {
                var now = _time.GetUtcNow();
                Enqueue(delay is { } d && d > TimeSpan.Zero ? requeue with { VisibleAt = now + d } : requeue with { VisibleAt = null }, now);
            }

            Pulse();
        }
    }
}

/// <summary>Orchestration work items of the in-memory backend.</summary>
internal sealed class InMemoryOrchestrationQueue(InMemoryStore store) : IOrchestrationWorkItemQueue
{
    public Task<OrchestrationWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken) =>
        store.LockNextOrchestrationAsync(cancellationToken);

    // Locks in one process do not expire: the owner always completes or abandons.
    public Task<bool> RenewAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task CompleteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        store.CompleteOrchestration(workItem);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        store.AbandonOrchestration(workItem, retryDelay);
        return Task.CompletedTask;
    }
}

/// <summary>Activity work items of the in-memory backend.</summary>
internal sealed class InMemoryActivityQueue(InMemoryStore store) : IActivityWorkItemQueue
{
    public Task<ActivityWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken) =>
        store.LockNextActivityAsync(cancellationToken);

    public Task<bool> RenewAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task CompleteAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        store.CompleteActivity();
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        store.AbandonActivity(workItem, retryDelay);
        return Task.CompletedTask;
    }
}
