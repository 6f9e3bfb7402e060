namespace LaaWorkflow.Functions.Hosting;

/// <summary>How the host runs the durable worker, from the <c>DurableTask</c> configuration section.</summary>
internal sealed class DurableHostOptions
{
    public const string Section = "DurableTask";

    /// <summary>The task hub name: shown in management URLs and, with the Azure Storage backend, the prefix of its tables and queues.</summary>
    public string HubName { get; set; } = "LaaWorkflow";

    /// <summary>
    /// <c>InMemory</c> (default: tests and the local demo, state gone with the process) or <c>AzureStorage</c>
    /// (the task hub in <c>AzureWebJobsStorage</c>: durable across restarts, shared by several hosts).
    /// </summary>
    public string Backend { get; set; } = "InMemory";

    /// <summary>Control-queue partitions of the Azure Storage backend, used only when its task hub is first created.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// This host's name in the Azure Storage backend's partition leases. Unset: a new name per process. A host restarted
    /// under the name it had takes its own leases back at once instead of waiting for them to expire.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>How long an Azure Storage partition lease lasts unrenewed (the backend's default when unset).</summary>
    public TimeSpan? LeasePeriod { get; set; }

    /// <summary>How long a received message stays hidden before another host may take it (the backend's default when unset).</summary>
    public TimeSpan? MessageVisibilityTimeout { get; set; }
}
