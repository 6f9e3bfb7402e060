using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable.AzureStorage.TestHost;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hosts;

/// <summary>Two host processes on one task hub share the work, never run one instance at once, and survive a kill.</summary>
[Collection("azurite")]
public sealed class TwoHostTests(AzuriteFixture azurite)
{
    private static readonly string[] Areas = [.. Enumerable.Range(0, 12).Select(i => $"area{i}")];

    [Fact]
    public async Task TwoHosts_OneKilledMidway_OtherFinishesAndNoInstanceRanTwiceAtOnce()
    {
        await using var hub = await HubClient.CreateAsync(azurite, partitions: 4);
        await using var a = ChildHost.Start(azurite.ConnectionString, hub.Hub, "host-a");
        await using var b = ChildHost.Start(azurite.ConnectionString, hub.Hub, "host-b");

        // Start work only once both hosts hold a partition: on a loaded machine one host can otherwise start late
        // and find every instance already finished by the other.
        var leases = new TableServiceClient(azurite.ConnectionString).GetTableClient(hub.Hub + "Partitions");
        await WaitUntilAsync(async () => await LiveOwnersAsync(hub, leases) == 2, TimeSpan.FromSeconds(90));
        foreach (var area in Areas)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(Workload.Orchestrator, area, new Client.StartOrchestrationOptions($"two-{area}"));
        }

        // Let both hosts take part, then kill one without warning.
        await WaitUntilAsync(async () => (await hub.RowsAsync(hub.Episodes)).Select(e => e.GetString("Host")).Distinct().Count() == 2, TimeSpan.FromSeconds(90));
        await a.KillAsync();

        await WorkloadAssertions.WaitForAllAsync(hub, Areas.Select(x => $"two-{x}"), TimeSpan.FromSeconds(150), () => b.Output);
        await WorkloadAssertions.AssertAllCompletedExactlyOnceAsync(hub, Areas, x => $"two-{x}");

        var episodes = await hub.RowsAsync(hub.Episodes);
        Assert.Contains(episodes, e => e.GetString("Host") == "host-a");
        Assert.Contains(episodes, e => e.GetString("Host") == "host-b");
        foreach (var instance in episodes.GroupBy(e => e.PartitionKey))
        {
            var ordered = instance.OrderBy(e => e.GetInt64("StartTicks")).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(
                    ordered[i - 1].GetInt64("EndTicks") <= ordered[i].GetInt64("StartTicks"),
                    $"{instance.Key}: an episode on {ordered[i].GetString("Host")} began before one on {ordered[i - 1].GetString("Host")} ended");
            }
        }
    }

    private static async Task<int> LiveOwnersAsync(HubClient hub, TableClient leases)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = await hub.RowsAsync(leases, "PartitionKey eq 'lease'");
        return rows.Where(r => r.GetDateTimeOffset("ExpiresAt") > now).Select(r => r.GetString("Owner")).Where(o => !string.IsNullOrEmpty(o)).Distinct().Count();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!await condition())
        {
            // Polling storage written by other processes; ends on the condition or the deadline.
            await Task.Delay(200, timeout.Token);
        }
    }
}
