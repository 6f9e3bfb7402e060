using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;
using LaaWorkflow.Web.Maintenance;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Maintenance;

/// <summary>The maintenance purge through the real durable client, against the host's own task hub on Azurite.</summary>
[Collection("azurite-management")]
public sealed class DurableClientMaintenanceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;

    private DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public Task InitializeAsync()
    {
        _host = new HostFactory(azurite, services: TestOrchestrations.Register);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PurgeFinishedInstancesAsync_FinishedBeforeCutoff_PurgesThemAndLeavesRunningOnes()
    {
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Echo, "agreed");
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitForApproval);
        await CompletedAsync(finished);
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await Client.WaitForInstanceStartAsync(running, started.Token);
        }
        var maintenance = new DurableClientMaintenance(Client);

        var purged = await maintenance.PurgeFinishedInstancesAsync(DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(running))?.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeFinishedInstancesAsync_CreatedAfterCutoff_KeepsThem()
    {
        var cutoff = DateTimeOffset.UtcNow.AddMinutes(-1);
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Echo, "agreed");
        await CompletedAsync(finished);

        var purged = await new DurableClientMaintenance(Client).PurgeFinishedInstancesAsync(cutoff, CancellationToken.None);

        Assert.Equal(0, purged);
        Assert.NotNull(await Client.GetInstanceAsync(finished));
    }

    private async Task CompletedAsync(string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await Client.WaitForInstanceCompletionAsync(id, deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }
}
