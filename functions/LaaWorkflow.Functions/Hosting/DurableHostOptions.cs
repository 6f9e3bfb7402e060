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
}
