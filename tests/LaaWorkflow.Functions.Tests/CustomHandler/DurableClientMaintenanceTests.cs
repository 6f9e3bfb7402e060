using LaaWorkflow.Durable;
using LaaWorkflow.Functions.CustomHandler.Maintenance;
using LaaWorkflow.Testing.Durable;
using Xunit;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

/// <summary>The maintenance purge against the real durable runtime (in-memory backend, virtual clock).</summary>
public sealed class DurableClientMaintenanceTests
{
    [Fact]
    public async Task PurgeFinishedInstancesAsync_FinishedBeforeCutoff_PurgesThemAndLeavesRunningOnes()
    {
        await using var host = await StartAsync();
        var finished = await host.StartAsync("Finishes", "agreed");
        var running = await host.StartAsync("WaitsForAnswer");
        await host.WaitForCompletionAsync(finished);
        await host.SettleAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        var maintenance = new DurableClientMaintenance(host.Client);

        var purged = await maintenance.PurgeFinishedInstancesAsync(host.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(running))?.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeFinishedInstancesAsync_CreatedAfterCutoff_KeepsThem()
    {
        await using var host = await StartAsync();
        var cutoff = host.Clock.GetUtcNow();
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        var finished = await host.StartAsync("Finishes", "agreed");
        await host.WaitForCompletionAsync(finished);

        var purged = await new DurableClientMaintenance(host.Client).PurgeFinishedInstancesAsync(cutoff, CancellationToken.None);

        Assert.Equal(0, purged);
        Assert.NotNull(await host.Client.GetInstanceAsync(finished));
    }

    [Fact]
    public async Task ReleaseExpiredLeasesAsync_ClientBackedMaintenance_LeavesLeasesToTheBackend()
    {
        await using var host = await StartAsync();

        Assert.Null(await new DurableClientMaintenance(host.Client).ReleaseExpiredLeasesAsync(host.Clock.GetUtcNow(), CancellationToken.None));
    }

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(worker => worker
        .AddTasks(tasks => tasks
            .AddOrchestratorFunc<string, string>("Finishes", (_, input) => Task.FromResult(input))
            .AddOrchestratorFunc<string?, string>("WaitsForAnswer", (context, _) => context.WaitForExternalEvent<string>("PartnerAnswered")))
        .UseInMemoryBackend());
}
