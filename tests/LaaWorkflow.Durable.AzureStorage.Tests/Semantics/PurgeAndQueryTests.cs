using LaaWorkflow.Durable.Client;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Durable;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Semantics;

/// <summary>The management API's list and purge through the client, on Azurite.</summary>
[Collection("azurite")]
public sealed class PurgeAndQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PurgeAllInstancesAsync_ByStatusFilter_RemovesFinishedAndKeepsRunning()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddTasks(r => r
                .AddOrchestratorFunc<int, int>("Quick", (_, n) => Task.FromResult(n))
                .AddOrchestratorFunc<string?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("Never")))
            .UseAzureStorageBackend(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = TestHubs.NewHubName();
                o.PartitionCount = 2;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
            }));
        var quick = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            quick.Add(await host.StartAsync("Quick", i, instanceId: $"quick-{i}"));
        }

        var waiting = await host.StartAsync("Waits", instanceId: "waiting-1");
        foreach (var id in quick)
        {
            await host.WaitForCompletionAsync(id);
        }

        await host.SettleAsync();
        var page = await host.Client.GetInstancesPageAsync(new OrchestrationQuery { InstanceIdPrefix = "quick-", Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Equal(quick, page.Instances.Select(i => i.InstanceId).Order());

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(3, purged.PurgedInstanceCount);
        foreach (var id in quick)
        {
            Assert.Null(await host.Client.GetInstanceAsync(id));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(waiting))?.RuntimeStatus);
        Assert.Empty((await host.Client.GetInstancesPageAsync(new OrchestrationQuery { InstanceIdPrefix = "quick-" })).Instances);
    }
}
