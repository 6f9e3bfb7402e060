namespace LaaWorkflow.Durable.AzureStorage;

/// <summary>
/// Settings of the Azure Storage backend (configuration section <c>Durable:AzureStorage</c> when bound by the host).
/// </summary>
public sealed class AzureStorageDurableOptions
{
    /// <summary>
    /// The storage connection string (Functions' <c>AzureWebJobsStorage</c>; <c>UseDevelopmentStorage=true</c> for Azurite).
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// Clients for an account reached by identity (managed identity in Azure, where shared keys are off). When all three
    /// are set they are used and <see cref="ConnectionString"/> is ignored.
    /// </summary>
    public StorageServiceClients? Clients { get; set; }

    /// <summary>The task hub: every table, queue and container name derives from it (3 to 45 letters and digits).</summary>
    public string TaskHubName { get; set; } = "LaaWorkflow";

    /// <summary>
    /// Control-queue partitions, used only when the hub is created; an existing hub keeps the count it was created with.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Identifies this host in partition leases; unique per process.</summary>
    public string WorkerId { get; set; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>How long a partition lease lasts without renewal: a dead host's partitions move after at most this long.</summary>
    public TimeSpan LeasePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received control or work-item message stays hidden before it is renewed or redelivered.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between polls of an idle queue (polling backs off up to this).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Outbound messages sent in parallel by one checkpoint.</summary>
    public int SendParallelism { get; set; } = 16;
}

/// <summary>The three service clients of one storage account, for hosts that authenticate by identity.</summary>
public sealed record StorageServiceClients(
    LaaWorkflow.AzureStorage.Tables.TableServiceClient Tables,
    LaaWorkflow.AzureStorage.Queues.QueueServiceClient Queues,
    LaaWorkflow.AzureStorage.Blobs.BlobServiceClient Blobs);
