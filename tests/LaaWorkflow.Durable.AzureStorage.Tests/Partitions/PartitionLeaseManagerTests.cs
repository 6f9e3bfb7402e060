using LaaWorkflow.Durable.AzureStorage.Partitions;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Partitions;

[Collection("azurite")]
public sealed class PartitionLeaseManagerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan LeasePeriod = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BalanceAsync_TwoHosts_SplitThePartitionsWithoutOverlap()
    {
        var (a, b, _) = await CreateAsync(partitions: 4);

        await a.BalanceAsync(default);
        Assert.Equal(4, a.Owned.Count);

        // B is below its share (2) and steals one lease per round from A, which sees the loss at its next renewal.
        for (var round = 0; round < 3; round++)
        {
            await b.BalanceAsync(default);
            await a.BalanceAsync(default);
        }

        Assert.Equal(2, a.Owned.Count);
        Assert.Equal(2, b.Owned.Count);
        Assert.Empty(a.Owned.Intersect(b.Owned));
    }

    [Fact]
    public async Task BalanceAsync_OwnerStopsRenewing_OtherHostTakesEverythingWithinOneLeasePeriod()
    {
        var (a, b, clock) = await CreateAsync(partitions: 4);
        await a.BalanceAsync(default);
        await b.BalanceAsync(default);
        await a.BalanceAsync(default);
        Assert.NotEmpty(a.Owned);

        // A dies: it renews no more. Just before the period ends B must not take A's leases; just after, all of them.
        clock.Advance(LeasePeriod - TimeSpan.FromSeconds(1));
        await b.BalanceAsync(default);
        Assert.True(b.Owned.Count < 4);

        clock.Advance(TimeSpan.FromSeconds(2));
        var (acquired, _) = await b.BalanceAsync(default);
        Assert.Equal(4, b.Owned.Count);
        Assert.NotEmpty(acquired);
    }

    [Fact]
    public async Task BalanceAsync_LeaseTakenMeanwhile_ReportsItLost()
    {
        var (a, b, clock) = await CreateAsync(partitions: 2);
        await a.BalanceAsync(default);
        Assert.Equal(2, a.Owned.Count);

        clock.Advance(LeasePeriod + TimeSpan.FromSeconds(1));
        await b.BalanceAsync(default);
        var (_, lost) = await a.BalanceAsync(default);

        Assert.NotEmpty(lost);
        Assert.Empty(a.Owned.Intersect(b.Owned));
    }

    [Fact]
    public async Task ReleaseAllAsync_GracefulStop_LetsTheOtherHostTakeOverAtOnce()
    {
        var (a, b, _) = await CreateAsync(partitions: 3);
        await a.BalanceAsync(default);
        await a.ReleaseAllAsync(default);

        await b.BalanceAsync(default);

        Assert.Equal(3, b.Owned.Count);
        Assert.Empty(a.Owned);
    }

    private async Task<(PartitionLeaseManager A, PartitionLeaseManager B, ManualWallClock Clock)> CreateAsync(int partitions)
    {
        var storage = TestHubs.Storage(azurite);
        var table = TestHubs.NewHubName() + "Partitions";
        await storage.CreateTableIfNotExistsAsync(table, default);
        var clock = new ManualWallClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = new PartitionLeaseManager(storage, table, "host-a", partitions, LeasePeriod, clock, NullLogger.Instance);
        var b = new PartitionLeaseManager(storage, table, "host-b", partitions, LeasePeriod, clock, NullLogger.Instance);
        await a.EnsureLeaseRowsAsync(default);
        await b.EnsureLeaseRowsAsync(default);
        return (a, b, clock);
    }
}
