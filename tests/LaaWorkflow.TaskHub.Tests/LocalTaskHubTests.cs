using Azure.Data.Tables;
using LaaWorkflow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.TaskHub.Tests;

/// <summary>The local task hub on DurableTask.AzureStorage over a private Azurite: what the rest of the product relies on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalTaskHubTests(AzuriteFixture azurite)
{
    private static void Tasks(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello {name}")
        .AddOrchestratorFunc<string, string>("Child", (ctx, name) => ctx.CallActivityAsync<string>("Greet", name))
        .AddOrchestratorFunc<string[], string>("Parent", async (ctx, names) =>
        {
            var children = names.Select((name, i) => ctx.CallSubOrchestratorAsync<string>(
                "Child", name, new SubOrchestrationOptions { InstanceId = $"{ctx.InstanceId}:child:{i}" }));
            return string.Join(", ", await Task.WhenAll(children));
        })
        .AddOrchestratorFunc<object?, string>("Waiter", async (ctx, _) =>
        {
            var answer = await ctx.WaitForExternalEvent<string>("Answer");
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(200), CancellationToken.None);
            return answer;
        });

    [Fact]
    public async Task SubOrchestrations_StartedWithTags_EveryChildRunsAndTheParentCompletes()
    {
        // Regression: the sidecar hands a child's tags on as a protobuf map, which the Azure Storage backend could not
        // read back, so children never started.
        await using var host = await TaskHubHost.StartAsync(azurite, Tasks);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            "Parent", new[] { "Leeds", "York", "Hull" }, new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["area"] = "Yorkshire" } });
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Leeds, Hello York, Hello Hull", done.ReadOutputAs<string>());
        // The parent's record of each child is stored whole (it was stored empty, and the history became unreadable).
        var history = await host.Services.GetRequiredService<IOrchestrationHistory>().GetAsync(id, CancellationToken.None);
        var created = history.Where(e => e.EventType == "SubOrchestrationInstanceCreated").ToList();
        Assert.Equal(3, created.Count);
        Assert.All(created, e => Assert.Equal("Child", e.Name));
        Assert.Equal([$"{id}:child:0", $"{id}:child:1", $"{id}:child:2"], created.Select(e => e.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_OnAzureStorage_LeavesTheBackendsOwnInstancesAndHistoryTables()
    {
        await using var host = await TaskHubHost.StartAsync(azurite, Tasks);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new[] { "Hull" });
        await host.WaitForCompletionAsync(id);

        var tables = new TableServiceClient(azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(host.HubName) >= 0 && t.Name.CompareTo(host.HubName + "~") < 0))
        {
            names.Add(table.Name);
        }

        Assert.Contains(host.HubName + "Instances", names);
        Assert.Contains(host.HubName + "History", names);
        var rows = 0;
        await foreach (var row in tables.GetTableClient(host.HubName + "Instances").QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            rows++;
        }

        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task History_OfACompletedInstance_ListsItsEventsInOrderWithoutEpisodeMarkers()
    {
        await using var host = await TaskHubHost.StartAsync(azurite, Tasks);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "Answer", "endorse");
        await host.WaitForCompletionAsync(id);

        var history = await host.Services.GetRequiredService<IOrchestrationHistory>().GetAsync(id, CancellationToken.None);

        var types = history.Select(e => e.EventType).ToList();
        Assert.Equal("ExecutionStarted", types[0]);
        Assert.Equal("ExecutionCompleted", types[^1]);
        Assert.Contains("EventRaised", types);
        Assert.Contains("TimerCreated", types);
        Assert.Contains("TimerFired", types);
        Assert.DoesNotContain("OrchestratorStarted", types);
        Assert.Equal("Answer", history.Single(e => e.EventType == "EventRaised").Name);
        Assert.NotNull(history.Single(e => e.EventType == "TimerCreated").FireAt);
        Assert.Equal(history.Select(e => e.Timestamp).Order(), history.Select(e => e.Timestamp));
    }

    [Fact]
    public async Task History_OfAnUnknownInstance_IsEmpty()
    {
        await using var host = await TaskHubHost.StartAsync(azurite, Tasks);

        var history = await host.Services.GetRequiredService<IOrchestrationHistory>().GetAsync("nobody-" + Guid.NewGuid().ToString("N"), CancellationToken.None);

        Assert.Empty(history);
    }

    [Fact]
    public async Task Client_CalledBeforeTheHostStarts_WaitsForTheSidecarAndSucceeds()
    {
        // The sidecar binds a port only when it starts (one probed free earlier can be taken by then), so a call made
        // before must wait for it rather than fail on an address that does not answer yet.
        await using var host = TaskHubHost.Build(azurite, Tasks, TaskHubStorageOptions.InMemoryType);
        var scheduled = host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new[] { "Leeds" });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(scheduled.IsCompleted, "The call finished before the sidecar was listening.");

        await host.StartAsync();
        var done = await host.WaitForCompletionAsync(await scheduled);

        Assert.Equal("Hello Leeds", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task InMemoryType_RunsTheSameTasksWithoutStorage()
    {
        await using var host = await TaskHubHost.StartAsync(azurite, Tasks, TaskHubStorageOptions.InMemoryType);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new[] { "Leeds" });

        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal("Hello Leeds", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UnknownStorageType_FailsAtStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TaskHubHost.StartAsync(azurite, Tasks, "Netherite"));

        Assert.Contains("DurableTask:StorageProvider:Type", (error.InnerException ?? error).Message, StringComparison.Ordinal);
    }
}
