using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Backend;

/// <summary>The instance row: what queries and the client read without loading history.</summary>
public sealed record InstanceRecord(string InstanceId, string Name)
{
    /// <summary>The current execution.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON.</summary>
    public string? Input { get; init; }

    /// <summary>The output as JSON.</summary>
    public string? Output { get; init; }

    /// <summary>The custom status as JSON (at most 16 KB).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure, when Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The requested start time, for a scheduled start.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }
}

/// <summary>An instance as the engine loads it: row, current execution's history, version and outbox.</summary>
/// <param name="Instance">The instance row.</param>
/// <param name="History">The current execution's history, oldest first.</param>
/// <param name="ETag">The version the next checkpoint must match.</param>
/// <param name="Outbox">Messages of the last checkpoint that may not have been sent; the engine resends them.</param>
public sealed record InstanceState(InstanceRecord Instance, IReadOnlyList<HistoryEvent> History, string ETag, IReadOnlyList<TaskMessage> Outbox);

/// <summary>What one episode commits, atomically.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="ExpectedETag">The version loaded (or cached); null when the engine believes no history exists yet.</param>
/// <param name="ReplaceHistory">True when a new execution starts (ContinueAsNew, restart, rewind): the stored history is replaced by <paramref name="NewEvents"/>.</param>
/// <param name="NewEvents">Events to append (or the whole new history).</param>
/// <param name="Instance">The instance row as it is after the episode.</param>
/// <param name="Outbox">The messages the episode sends; stored with the checkpoint, sent after it commits.</param>
public sealed record Checkpoint(
    string InstanceId,
    string? ExpectedETag,
    bool ReplaceHistory,
    IReadOnlyList<HistoryEvent> NewEvents,
    InstanceRecord Instance,
    IReadOnlyList<TaskMessage> Outbox);

/// <summary>The stored version did not match: another worker committed this instance. Reload and retry.</summary>
public sealed class CheckpointConflictException : Exception
{
    public CheckpointConflictException()
    {
    }

    public CheckpointConflictException(string message)
        : base(message)
    {
    }

    public CheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A filter and page request for instance rows.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created at or before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Instance id prefix (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Opaque token from the previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include input, output and custom status.</summary>
    public bool IncludePayloads { get; init; }
}

/// <summary>One page of instance rows.</summary>
public sealed record InstanceQueryPage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);

/// <summary>The tracking store: history (append-only per execution) and the instance row, written together atomically.</summary>
public interface ITrackingStore
{
    /// <summary>Loads row, history, version and outbox; null when the instance has no history yet.</summary>
    Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Commits an episode: appends (or replaces) history, writes the instance row and the outbox in one atomic step,
    /// only if the stored version still equals <see cref="Checkpoint.ExpectedETag"/>. Returns the new version.
    /// </summary>
    /// <exception cref="CheckpointConflictException">The stored version differs.</exception>
    Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the outbox after its messages were sent, if the stored version still equals <paramref name="etag"/>; does
    /// not change the version. Skipping it is safe (the outbox is resent, and duplicates are harmless) but wasteful.
    /// </summary>
    Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a Pending row for a newly scheduled instance unless one exists that has not finished; false in that case.
    /// </summary>
    Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken);

    /// <summary>Reads the instance row, or null.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    /// <summary>
    /// Completes with the row once <paramref name="condition"/> holds for it (null row included). A backend without change
    /// notifications polls.
    /// </summary>
    Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken);

    /// <summary>Reads one page of rows.</summary>
    Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>The current execution's history, oldest first; empty when there is none.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Removes a finished instance's row, history, outbox and payloads; false when none or not finished.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>A durable backend: the subsystems the runtime needs, chosen with <c>UseInMemoryBackend()</c> or another backend's extension.</summary>
public interface IDurableBackend
{
    /// <summary>Orchestration work items.</summary>
    IOrchestrationWorkItemQueue Orchestrations { get; }

    /// <summary>Activity work items.</summary>
    IActivityWorkItemQueue Activities { get; }

    /// <summary>History and instance rows.</summary>
    ITrackingStore Tracking { get; }

    /// <summary>Control and work-item queues.</summary>
    IMessageSender Messages { get; }

    /// <summary>Large payloads.</summary>
    IPayloadStore Payloads { get; }
}
