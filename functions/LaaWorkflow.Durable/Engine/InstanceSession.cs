using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.Engine;

/// <summary>An instance as the worker holds it between episodes: the replayed execution, its row and stored version.</summary>
internal sealed record InstanceSession(OrchestrationExecutor? Executor, InstanceRecord? Row, string? ETag);

/// <summary>What to do with one orchestration work item.</summary>
internal abstract record EpisodeDecision
{
    /// <summary>Nothing to store: the messages are consumed (duplicates or for a finished instance).</summary>
    public sealed record Discard(string Reason) : EpisodeDecision;

    /// <summary>Not yet: release the messages and look again later (a scheduled start in the future).</summary>
    public sealed record Postpone(TimeSpan Delay) : EpisodeDecision;

    /// <summary>Commit the checkpoint, then send its outbox.</summary>
    public sealed record Commit(Checkpoint Checkpoint, OrchestrationExecutor? Executor) : EpisodeDecision;
}
