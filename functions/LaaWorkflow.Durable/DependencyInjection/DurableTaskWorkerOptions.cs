namespace LaaWorkflow.Durable;

/// <summary>Worker settings (configuration section <c>Durable:Worker</c> when bound by the host).</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestration episodes run at the same time.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Activities run at the same time.</summary>
    public int MaxConcurrentActivities { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>How long a work item stays locked before it must be renewed.</summary>
    public TimeSpan WorkItemLockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Instances whose replayed state is kept in memory between episodes (0 turns the cache off).</summary>
    public int MaxCachedInstances { get; set; } = 10_000;

    /// <summary>The wait before a work item that hit a storage conflict or error is retried.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
