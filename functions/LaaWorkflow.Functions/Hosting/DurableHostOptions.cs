namespace LaaWorkflow.Functions.Hosting;

/// <summary>How the host runs the durable worker, from the <c>DurableTask</c> configuration section.</summary>
internal sealed class DurableHostOptions
{
    public const string Section = "DurableTask";

    /// <summary>The task hub name: shown in management URLs and, with the Azure Storage backend, the prefix of its tables and queues.</summary>
    public string HubName { get; set; } = "LaaWorkflow";

    /// <summary><c>InMemory</c> (default) or <c>AzureStorage</c> once that backend is available.</summary>
    public string Backend { get; set; } = "InMemory";
}
