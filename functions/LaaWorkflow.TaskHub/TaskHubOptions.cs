namespace LaaWorkflow.TaskHub;

/// <summary>
/// How the local task hub runs. The values we chose live in one place, the Functions app's host.json
/// (<c>extensions.durableTask</c>), which Durable Functions reads in Azure and <see cref="HostJsonSettings"/> reads
/// here; the <c>DurableTask</c> configuration section overrides them (tests, the benchmarks). The names are host.json's.
/// Each property's initial value is Durable Functions' own default, used only where host.json says nothing; the
/// comments say what our choice buys and costs.
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
    /// Activities one host runs at once (Durable Functions: ten per core). Our activities wait on storage and email, not
    /// the CPU, so more keeps the fan-outs of a round busy; the cost is more concurrent storage calls.
    /// </summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Orchestration episodes one host runs at once (Durable Functions: ten per core). Each episode mostly waits on its
    /// history read and checkpoint, so a round of many partner sub-orchestrations, or many answers at once, moves
    /// faster with more slots; the cost is memory for loaded histories.
    /// </summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Keeps an orchestration's history in memory between episodes (fewer history reads, more memory). Off: the local
    /// sidecar does not use the backend's sessions, so here it changes nothing (BENCHMARKS.md, "Durable engine"); in Azure
    /// the Durable Functions extension does, and a round's many short episodes would gain from it there.
    /// </summary>
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
    /// The longest wait between polls of an empty queue (Durable Functions: 30 s). That would make a rehearsal's timers
    /// and answers wait up to 30 s; 1 s costs one queue read per partition per second when idle.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages read from a control queue in one call.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>
    /// Control-queue messages one host may hold in memory before its control queues stop reading, each for a whole
    /// second at a time (Durable Functions: 256 on dedicated plans). A burst of answers larger than this is read in
    /// one-second steps (the "events anomaly" of BENCHMARKS.md); more costs memory and, with several hosts, leaves
    /// more messages locked by one host.
    /// </summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// How long a read control-queue message stays hidden from other hosts (Durable Functions: 5 minutes). That would
    /// leave a killed host's messages stuck for minutes of a rehearsal; our episodes take well under a second, so 30 s
    /// is ample. Shorter risks a slow episode's messages being read twice.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a read activity message stays hidden from other hosts (Durable Functions: 5 minutes); our activities
    /// take seconds at most, so 30 s brings a killed host's activities back soon.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
