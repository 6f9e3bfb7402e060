namespace LaaWorkflow.Durable.Backend;

/// <summary>A batch of messages for one orchestration instance, locked for one worker.</summary>
/// <remarks>While it is locked no other work item for the same instance is handed out.</remarks>
public sealed class OrchestrationWorkItem
{
    /// <summary>Creates a work item.</summary>
    public OrchestrationWorkItem(string instanceId, IReadOnlyList<TaskMessage> messages, object? lockState)
    {
        InstanceId = instanceId;
        Messages = messages;
        LockState = lockState;
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The new messages, in the order they were sent.</summary>
    public IReadOnlyList<TaskMessage> Messages { get; }

    /// <summary>What the backend needs to renew, complete or abandon the lock (receipts, lease ids); opaque to the engine.</summary>
    public object? LockState { get; }
}

/// <summary>One activity to run, locked for one worker.</summary>
public sealed class ActivityWorkItem
{
    /// <summary>Creates a work item.</summary>
    public ActivityWorkItem(TaskMessage message, object? lockState)
    {
        Message = message;
        LockState = lockState;
    }

    /// <summary>The message carrying the <see cref="History.TaskScheduledEvent"/>.</summary>
    public TaskMessage Message { get; }

    /// <summary>Opaque lock state for the backend.</summary>
    public object? LockState { get; }
}

/// <summary>Work items for orchestrations: lock, renew, complete, abandon.</summary>
public interface IOrchestrationWorkItemQueue
{
    /// <summary>
    /// Waits for an instance with ready messages and locks it. Returns null when nothing arrived within the backend's poll
    /// interval; the caller simply asks again. An instance that has not started yet is only handed out once its
    /// <see cref="History.ExecutionStartedEvent"/> message is visible, so events raised before the start are kept.
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken);

    /// <summary>Extends the lock; false when it was lost (another worker may own the instance now).</summary>
    Task<bool> RenewAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the work item's messages and releases the instance. Called only after the checkpoint committed and the
    /// outbound messages were sent.
    /// </summary>
    Task CompleteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Releases the instance and makes the messages visible again after <paramref name="retryDelay"/>.</summary>
    Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken);
}

/// <summary>Work items for activities: lock, renew, complete, abandon.</summary>
public interface IActivityWorkItemQueue
{
    /// <summary>Waits for an activity message and locks it; null when nothing arrived within the poll interval.</summary>
    Task<ActivityWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken);

    /// <summary>Extends the lock; false when it was lost.</summary>
    Task<bool> RenewAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken);

    /// <summary>Deletes the message. Called only after the result message was sent.</summary>
    Task CompleteAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="retryDelay"/>.</summary>
    Task AbandonAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken);
}
