using LaaWorkflow.Durable.AzureStorage.TestHost;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hosts;

/// <summary>
/// A host process killed (SIGKILL) at many points of the checkpoint order, restarted each time, and finally left to
/// finish: every orchestration completes with the right output, every effect is applied once, nothing is stuck.
/// </summary>
[Collection("azurite")]
public sealed class CrashSafetyTests(AzuriteFixture azurite)
{
    private static readonly string[] Areas = ["leeds", "york", "hull", "bath"];

    /// <summary>Where the host dies, in the order of the runs: each point of the checkpoint order, some more than once.</summary>
    private static readonly string[] CrashPoints =
    [
        "before-commit:2",      // mid-episode: replayed and run, nothing stored
        "after-commit:3",       // history and status written, outbound messages not sent
        "during-activity:3",    // effect applied, result not reported
        "after-send:4",         // outbox sent, consumed messages not deleted
        "after-result-send:5",  // activity result sent, work item not deleted
        "before-complete:6",    // episode done, control messages not deleted
        "after-commit:8",
    ];

    [Fact]
    public async Task KilledHost_AtEveryCheckpointStep_RestartedHostFinishesEverythingExactlyOnce()
    {
        await using var hub = await HubClient.CreateAsync(azurite, partitions: 2);
        foreach (var area in Areas)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(Workload.Orchestrator, area, new Client.StartOrchestrationOptions($"crash-{area}"));
        }

        for (var run = 0; run < CrashPoints.Length; run++)
        {
            // The same worker name on every restart: the new process resumes its own leases at once.
            await using var host = ChildHost.Start(azurite.ConnectionString, hub.Hub, "crash-host", CrashPoints[run], $"run{run}");
            Assert.True(
                await host.WaitForExitAsync(TimeSpan.FromSeconds(90)),
                $"The host never reached crash point {CrashPoints[run]}. Its output:\n{host.Output}");
        }

        await using (var survivor = ChildHost.Start(azurite.ConnectionString, hub.Hub, "crash-host"))
        {
            await WorkloadAssertions.WaitForAllAsync(hub, Areas.Select(a => $"crash-{a}"), TimeSpan.FromSeconds(120), () => survivor.Output);
        }

        var crashes = await hub.RowsAsync(hub.Crashes);
        Assert.Equal(CrashPoints.Order(), crashes.Select(c => c.GetString("Point")!).Order());
        await WorkloadAssertions.AssertAllCompletedExactlyOnceAsync(hub, Areas, a => $"crash-{a}");
    }
}
