namespace LaaWorkflow.Durable.Backend;

/// <summary>Sends messages to control queues (orchestration events) and the work-item queue (activities).</summary>
public interface IMessageSender
{
    /// <summary>
    /// The longest <see cref="TaskMessage.VisibleAt"/> delay the queues accept (Azure Storage queues: 7 days). The engine
    /// chains longer timers from shorter ones, so this is never exceeded.
    /// </summary>
    TimeSpan MaxMessageDelay { get; }

    /// <summary>Sends messages; each is delivered at least once, not before its <see cref="TaskMessage.VisibleAt"/>.</summary>
    /// <remarks>Not atomic across messages: a failure part way may have sent some; resending all is safe.</remarks>
    Task SendAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken);
}

/// <summary>Stores payloads too large for a table row or a queue message and hands back a reference.</summary>
/// <remarks>Used inside a backend (rows and messages over the size limits); the engine never sees references.</remarks>
public interface IPayloadStore
{
    /// <summary>Stores <paramref name="payload"/> under a key derived from <paramref name="instanceId"/> and returns its reference.</summary>
    Task<string> UploadAsync(string instanceId, string payload, CancellationToken cancellationToken);

    /// <summary>Reads a payload back.</summary>
    Task<string> DownloadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Deletes every payload of an instance (on purge).</summary>
    Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>
/// Optional: a backend that can tell when it has no ready work (no visible message, no locked work item). The virtual
/// clock waits on it between timers so advancing time settles the runtime without sleeping.
/// </summary>
public interface IIdleSignal
{
    /// <summary>Completes when the backend has no ready and no in-flight work.</summary>
    Task WaitForIdleAsync(CancellationToken cancellationToken);
}
