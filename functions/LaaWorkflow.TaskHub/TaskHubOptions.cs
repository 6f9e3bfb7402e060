namespace LaaWorkflow.TaskHub;

/// <summary>
/// How the local task hub runs, from the <c>DurableTask</c> configuration section. The names follow host.json's
/// <c>extensions.durableTask</c> section, so a setting tuned here means the same in Azure.
/// </summary>
public sealed class TaskHubOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DurableTask";

    /// <summary>The task hub name: the prefix of its tables (<c>{hub}Instances</c>, <c>{hub}History</c>), queues and lease container.</summary>
    public string HubName { get; set; } = "LaaWorkflow";

    /// <summary>The Azure Storage provider's settings.</summary>
    public TaskHubStorageOptions StorageProvider { get; set; } = new();

    /// <summary>
    /// Activities one host runs at once. Our activities wait on storage and email, not the CPU, so more than the
    /// Functions default of ten per core keeps the fan-outs of a round busy; the cost is more concurrent storage calls.
    /// </summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 32;

    /// <summary>
    /// Orchestration episodes one host runs at once. Each episode mostly waits on its history read and checkpoint, so
    /// a round of many partner sub-orchestrations moves faster with more slots; the cost is memory for loaded histories.
    /// </summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 32;

    /// <summary>Keeps an orchestration's history in memory between episodes (fewer history reads, more memory).</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an idle extended session stays in memory.</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>
    /// This host's name in the partition leases. Unset: the machine name and process id. A host restarted under the
    /// name it had takes its own leases back without waiting for them to expire.
    /// </summary>
    public string? WorkerId { get; set; }
}

/// <summary>The <c>storageProvider</c> part of the <c>durableTask</c> section (Azure Storage backend).</summary>
public sealed class TaskHubStorageOptions
{
    /// <summary>
    /// <c>AzureStorage</c> (DurableTask.AzureStorage, as Durable Functions runs in Azure) or <c>InMemory</c> (the Durable
    /// Task SDK's in-memory service: nothing survives the process; for tests of orchestration logic only).
    /// </summary>
    public string Type { get; set; } = AzureStorageType;

    /// <summary>The <see cref="Type"/> of the Azure Storage backend.</summary>
    public const string AzureStorageType = "AzureStorage";

    /// <summary>The <see cref="Type"/> of the in-memory backend.</summary>
    public const string InMemoryType = "InMemory";

    /// <summary>Control-queue partitions; fixed when the task hub is first created.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest wait between polls of an empty queue. Azure's default of 30 s would make a rehearsal's timers and
    /// answers wait that long; 1 s costs one queue read per partition per second when idle.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages read from a control queue in one call.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Messages a partition may hold in memory before it stops reading its control queue.</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// How long a read control-queue message stays hidden from other hosts. Azure's 5 minutes would leave a killed
    /// host's messages stuck for minutes of a rehearsal; our episodes take well under a second, so 30 s is ample.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a read activity message stays hidden from other hosts (our activities take seconds at most).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
