using Microsoft.Extensions.Configuration;

namespace LaaWorkflow.TaskHub.Tests;

/// <summary>The settings take host.json's durableTask names, so a value tuned for Azure means the same here.</summary>
public sealed class TaskHubOptionsTests
{
    [Fact]
    public void Bind_HostJsonStyleKeys_SetsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableTask:HubName"] = "Rehearsal2008",
            ["DurableTask:StorageProvider:Type"] = "InMemory",
            ["DurableTask:StorageProvider:PartitionCount"] = "8",
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.250",
            ["DurableTask:StorageProvider:ControlQueueBatchSize"] = "16",
            ["DurableTask:StorageProvider:ControlQueueBufferThreshold"] = "64",
            ["DurableTask:StorageProvider:ControlQueueVisibilityTimeout"] = "00:01:00",
            ["DurableTask:StorageProvider:WorkItemQueueVisibilityTimeout"] = "00:02:00",
            ["DurableTask:MaxConcurrentActivityFunctions"] = "5",
            ["DurableTask:MaxConcurrentOrchestratorFunctions"] = "6",
            ["DurableTask:ExtendedSessionsEnabled"] = "true",
            ["DurableTask:ExtendedSessionIdleTimeoutInSeconds"] = "7",
            ["DurableTask:WorkerId"] = "host-a",
        }).Build();

        var options = configuration.GetSection(TaskHubOptions.Section).Get<TaskHubOptions>()!;

        Assert.Equal(("Rehearsal2008", "InMemory", 8), (options.HubName, options.StorageProvider.Type, options.StorageProvider.PartitionCount));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal((16, 64), (options.StorageProvider.ControlQueueBatchSize, options.StorageProvider.ControlQueueBufferThreshold));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), (options.StorageProvider.ControlQueueVisibilityTimeout, options.StorageProvider.WorkItemQueueVisibilityTimeout));
        Assert.Equal((5, 6, true, 7, "host-a"), (options.MaxConcurrentActivityFunctions, options.MaxConcurrentOrchestratorFunctions, options.ExtendedSessionsEnabled, options.ExtendedSessionIdleTimeoutInSeconds, options.WorkerId));
    }

    [Fact]
    public void Defaults_SuitALocalHost()
    {
        var options = new TaskHubOptions();

        Assert.Equal("AzureStorage", options.StorageProvider.Type);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal(4, options.StorageProvider.PartitionCount);
    }
}
