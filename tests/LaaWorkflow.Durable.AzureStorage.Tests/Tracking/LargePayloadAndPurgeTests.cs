using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing;
using Xunit;
using static LaaWorkflow.Durable.AzureStorage.Tests.Tracking.TrackingStoreFixture;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Tracking;

[Collection("azurite")]
public sealed class LargePayloadAndPurgeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CommitAsync_PayloadsOverTheTableLimit_GoToBlobsAndReadBackWhole()
    {
        var f = await CreateAsync(azurite);
        var big = "\"" + new string('x', 200_000) + "\"";
        var outbox = Enumerable.Range(0, 300).Select(i => Activity("big", i)).ToList();
        var checkpoint = First("big", Started(), new TaskCompletedEvent(0, big)) with
        {
            Instance = Record("big", OrchestrationRuntimeStatus.Completed, big),
            Outbox = outbox,
        };

        await f.Store.CommitAsync(checkpoint, default);
        var loaded = await f.Store.LoadAsync("big", default);

        Assert.Equal(big, loaded!.Instance.Output);
        Assert.Equal(big, Assert.IsType<TaskCompletedEvent>(loaded.History[1]).Result);
        Assert.Equal(outbox.Select(m => m.MessageId), loaded.Outbox.Select(m => m.MessageId));
        Assert.NotEmpty(await f.Storage.ListBlobsAsync(f.Names.LargePayloadContainer, BlobPayloadStore.PrefixOf("big"), default));
    }

    [Fact]
    public async Task PurgeAsync_LongHistoryAndBlobs_RemovesEveryRowIndexAndBlob()
    {
        var f = await CreateAsync(azurite);
        var etag = await f.Store.CommitAsync(First("long", Started()), default);
        for (var i = 0; i < 110; i++)
        {
            etag = await f.Store.CommitAsync(
                new Checkpoint("long", etag, false, [new TimerFiredEvent(i, T0.AddDays(i))], Record("long", OrchestrationRuntimeStatus.Running), []), default);
        }

        await f.Store.CommitAsync(
            new Checkpoint("long", etag, false, [new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Completed, null)],
                Record("long", OrchestrationRuntimeStatus.Completed, "\"" + new string('y', 40_000) + "\""), []),
            default);
        Assert.True((await f.Storage.QueryPartitionAsync(f.Names.HistoryTable, "long", default)).Count > 100);

        Assert.True(await f.Store.PurgeAsync("long", default));

        Assert.Empty(await f.Storage.QueryPartitionAsync(f.Names.HistoryTable, "long", default));
        Assert.Null(await f.Store.GetInstanceAsync("long", false, default));
        Assert.Empty((await f.Store.QueryAsync(new InstanceQuery { InstanceIdPrefix = "long" }, default)).Instances);
        Assert.Empty(await f.Storage.ListBlobsAsync(f.Names.LargePayloadContainer, BlobPayloadStore.PrefixOf("long"), default));
    }

    [Fact]
    public async Task PurgeAsync_RunningInstance_RefusesAndKeepsEverything()
    {
        var f = await CreateAsync(azurite);
        await f.Store.CommitAsync(First("alive", Started()), default);

        Assert.False(await f.Store.PurgeAsync("alive", default));

        Assert.Single(await f.Store.GetHistoryAsync("alive", default));
    }
}
