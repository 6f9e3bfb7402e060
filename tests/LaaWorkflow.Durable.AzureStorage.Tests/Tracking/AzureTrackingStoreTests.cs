using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.AzureStorage.Tracking;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing;
using Xunit;
using static LaaWorkflow.Durable.AzureStorage.Tests.Tracking.TrackingStoreFixture;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Tracking;

[Collection("azurite")]
public sealed class AzureTrackingStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CommitAsync_ThenLoad_ReturnsHistoryOutboxAndRowTogether()
    {
        var f = await CreateAsync(azurite);
        var checkpoint = First("n/1", Started(), new TaskScheduledEvent("Invite", "\"police\"") { EventId = 0, Timestamp = T0 }) with
        {
            Outbox = [Activity("n/1", 0)],
        };

        var etag = await f.Store.CommitAsync(checkpoint, default);
        var loaded = await f.Store.LoadAsync("n/1", default);

        Assert.NotNull(loaded);
        Assert.Equal(etag, loaded.ETag);
        Assert.Equal([typeof(ExecutionStartedEvent), typeof(TaskScheduledEvent)], loaded.History.Select(e => e.GetType()));
        Assert.Equal("n/1:0", Assert.Single(loaded.Outbox).MessageId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, loaded.Instance.RuntimeStatus);
        Assert.Equal("\"Sunderland\"", loaded.Instance.Input);
    }

    [Fact]
    public async Task CommitAsync_StaleETag_ThrowsConflictAndStoresNothing()
    {
        var f = await CreateAsync(azurite);
        var first = await f.Store.CommitAsync(First("n2", Started()), default);
        await f.Store.CommitAsync(
            new Checkpoint("n2", first, false, [new TimerCreatedEvent(T0.AddDays(1)) { EventId = 0 }], Record("n2", OrchestrationRuntimeStatus.Running), []), default);

        // A second owner that loaded the first version tries to complete the instance.
        var stale = new Checkpoint(
            "n2", first, false, [new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Completed, "\"done\"")], Record("n2", OrchestrationRuntimeStatus.Completed, "\"done\""), []);
        await Assert.ThrowsAsync<CheckpointConflictException>(() => f.Store.CommitAsync(stale, default));

        var history = await f.Store.GetHistoryAsync("n2", default);
        Assert.DoesNotContain(history, e => e is ExecutionCompletedEvent);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await f.Store.GetInstanceAsync("n2", false, default))!.RuntimeStatus);
    }

    [Fact]
    public async Task CommitAsync_NullETagOverPendingRow_TakesThePendingRowButNotAStartedOne()
    {
        var f = await CreateAsync(azurite);
        Assert.True(await f.Store.TryCreatePendingAsync(Record("n3", OrchestrationRuntimeStatus.Pending), default));
        Assert.False(await f.Store.TryCreatePendingAsync(Record("n3", OrchestrationRuntimeStatus.Pending), default));

        await f.Store.CommitAsync(First("n3", Started()), default);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => f.Store.CommitAsync(First("n3", Started()), default));
        Assert.Single(await f.Store.GetHistoryAsync("n3", default));
    }

    [Fact]
    public async Task ClearOutboxAsync_AfterSend_KeepsTheVersionAndEmptiesTheOutbox()
    {
        var f = await CreateAsync(azurite);
        var etag = await f.Store.CommitAsync(First("n4", Started()) with { Outbox = [Activity("n4", 0)] }, default);

        await f.Store.ClearOutboxAsync("n4", etag, default);

        var loaded = await f.Store.LoadAsync("n4", default);
        Assert.Equal(etag, loaded!.ETag);
        Assert.Empty(loaded.Outbox);
        await f.Store.CommitAsync(new Checkpoint("n4", etag, false, [], Record("n4", OrchestrationRuntimeStatus.Completed), []), default);
    }

    [Fact]
    public async Task LoadAsync_IndexBehindAfterACrash_RepairsTheIndexFromTheStatusRow()
    {
        var f = await CreateAsync(azurite);
        await f.Store.CommitAsync(First("n5", Started()), default);

        // The process died between the checkpoint and the index write: simulate by removing the index row.
        await f.Storage.DeleteRowAsync(f.Names.InstancesTable, "n5", "", default);
        Assert.Empty((await f.Store.QueryAsync(new InstanceQuery { InstanceIdPrefix = "n5" }, default)).Instances);

        await f.Store.LoadAsync("n5", default);

        var page = await f.Store.QueryAsync(new InstanceQuery { InstanceIdPrefix = "n5" }, default);
        Assert.Equal(OrchestrationRuntimeStatus.Running, Assert.Single(page.Instances).RuntimeStatus);
    }

    [Fact]
    public async Task QueryAsync_StatusAndPrefixPagedByTwo_ReturnsEachMatchOnce()
    {
        var f = await CreateAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await f.Store.TryCreatePendingAsync(Record($"area-{i}", OrchestrationRuntimeStatus.Pending), default);
        }

        await f.Store.TryCreatePendingAsync(Record("other-1", OrchestrationRuntimeStatus.Pending), default);
        await f.Store.CommitAsync(First("area-0", Started()), default);

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await f.Store.QueryAsync(
                new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Pending], InstanceIdPrefix = "area-", PageSize = 2, ContinuationToken = token }, default);
            Assert.True(page.Instances.Count <= 2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(["area-1", "area-2", "area-3", "area-4"], seen.Order());
    }

    [Fact]
    public async Task CommitAsync_ContinueAsNew_ReplacesHistoryWithTheNewExecution()
    {
        var f = await CreateAsync(azurite);
        var etag = await f.Store.CommitAsync(First("n6", Started(), new TimerCreatedEvent(T0) { EventId = 0 }), default);

        await f.Store.CommitAsync(new Checkpoint("n6", etag, true, [Started()], Record("n6", OrchestrationRuntimeStatus.Running), []), default);

        var history = await f.Store.GetHistoryAsync("n6", default);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(history));
        var rows = await f.Storage.QueryPartitionAsync(f.Names.HistoryTable, "n6", default);
        Assert.Contains(rows, r => r.RowKey.StartsWith("h000000", StringComparison.Ordinal));
        await f.Store.LoadAsync("n6", default);
        rows = await f.Storage.QueryPartitionAsync(f.Names.HistoryTable, "n6", default);
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("h000000", StringComparison.Ordinal));
    }
}
