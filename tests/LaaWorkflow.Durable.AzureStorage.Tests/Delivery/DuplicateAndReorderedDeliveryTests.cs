using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Delivery;
using LaaWorkflow.Testing.Durable;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Delivery;

/// <summary>
/// Queue messages duplicated, delayed, held back and reordered at the storage seam while orchestrations run on
/// Azurite: every result stays as it would be, every activity effect is applied once, no instance is left running.
/// </summary>
[Collection("azurite")]
public sealed class DuplicateAndReorderedDeliveryTests(AzuriteFixture azurite)
{
    private static readonly string[] Areas = ["leeds", "york", "hull"];

    [Fact]
    public async Task Workload_EveryMessageTwiceAndReordered_SameResultsAndEachEffectOnce()
    {
        var ledger = new EffectLedger();
        var delivery = new UnreliableDelivery(new UnreliableDeliveryOptions { Seed = 11, DuplicateProbability = 1.0 });
        await using var host = await StartAsync(delivery, ledger);

        foreach (var area in Areas)
        {
            await host.StartAsync(DeliveryWorkload.Negotiation, area, $"neg-{area}");
        }

        await host.StartAsync(DeliveryWorkload.Counter, new CounterState(0, 3), "counter");
        await host.StartAsync(DeliveryWorkload.Parent, instanceId: "parent");
        await host.StartAsync(DeliveryWorkload.Race, instanceId: "race");
        await host.SettleAsync();

        // Answers with different names raised back to back, and three events for a counter that continues as new on
        // each: the delays and shuffles deliver them in any order, and their copies after the instance moved on.
        foreach (var area in Areas)
        {
            await host.Client.RaiseEventAsync($"neg-{area}", "Comment", "comment");
            await host.Client.RaiseEventAsync($"neg-{area}", "Endorse", "endorse");
        }

        for (var i = 0; i < 3; i++)
        {
            await host.Client.RaiseEventAsync("counter", "Add", 1);
        }

        // An answer in flight while its reminder timer fires: either may arrive first.
        await host.Client.RaiseEventAsync("race", "Answer", "yes");
        await host.AdvanceAsync(TimeSpan.FromDays(1));

        foreach (var area in Areas)
        {
            var done = await host.WaitForCompletionAsync($"neg-{area}");
            Assert.Equal(DeliveryWorkload.ExpectedNegotiation(area), done.ReadOutputAs<string>());
            var history = await host.Client.GetOrchestrationHistoryAsync($"neg-{area}");
            Assert.Single(history.OfType<ExecutionStartedEvent>());
            Assert.Equal(DeliveryWorkload.NegotiationEffects, history.OfType<TaskCompletedEvent>().Count());
            Assert.Equal(2, history.OfType<EventRaisedEvent>().Count());
            Assert.Equal(DeliveryWorkload.NegotiationEffects, ledger.AppliedFor($"neg-{area}"));
            Assert.Equal(1, ledger.AppliedFor($"neg-{area}-partner"));
        }

        Assert.Equal(3, (await host.WaitForCompletionAsync("counter")).ReadOutputAs<int>());
        Assert.Equal("looped 3", (await host.WaitForCompletionAsync("parent")).ReadOutputAs<string>());
        Assert.EndsWith("answered yes", (await host.WaitForCompletionAsync("race")).ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Single((await host.Client.GetOrchestrationHistoryAsync("race")).OfType<EventRaisedEvent>());

        // The faults happened: copies were sent, and duplicated work items ran activities again without a second effect.
        Assert.True(delivery.CopiesSent >= delivery.MessagesSent / 2, $"{delivery.CopiesSent} copies of {delivery.MessagesSent} messages");
        Assert.True(ledger.Runs > ledger.Applied, $"{ledger.Runs} runs for {ledger.Applied} effects");
        Assert.Equal(Areas.Length * (DeliveryWorkload.NegotiationEffects + 1), ledger.Applied);
        Assert.Equal(0, delivery.SendsLost);
        await AssertNothingUnfinishedAsync(host);
    }

    [Fact]
    public async Task Workload_CopiesArriveAfterEverythingCompleted_NothingChanges()
    {
        var ledger = new EffectLedger();
        var delivery = new UnreliableDelivery(new UnreliableDeliveryOptions { Seed = 12, HoldDuplicates = true });
        await using var host = await StartAsync(delivery, ledger);
        string[] ids = ["neg-bath", "counter", "parent"];
        await host.StartAsync(DeliveryWorkload.Negotiation, "bath", ids[0]);
        await host.StartAsync(DeliveryWorkload.Counter, new CounterState(0, 2), ids[1]);
        await host.StartAsync(DeliveryWorkload.Parent, instanceId: ids[2]);
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(ids[0], "Endorse", "endorse");
        await host.Client.RaiseEventAsync(ids[0], "Comment", "comment");
        await host.Client.RaiseEventAsync(ids[1], "Add", 1);
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(ids[1], "Add", 1);
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        var before = new Dictionary<string, (OrchestrationMetadata Instance, int HistoryLength)>();
        foreach (var id in ids)
        {
            before[id] = (await host.WaitForCompletionAsync(id), (await host.Client.GetOrchestrationHistoryAsync(id)).Count);
        }

        var runs = ledger.Runs;
        var applied = ledger.Applied;

        // Every copy, starts and continue-as-new starts included, arrives now that every instance has completed.
        var released = await delivery.ReleaseHeldAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.True(released >= 30, $"only {released} copies were held");
        foreach (var id in ids)
        {
            var after = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, after?.RuntimeStatus);
            Assert.Equal(before[id].Instance.ExecutionId, after!.ExecutionId);
            Assert.Equal(before[id].Instance.SerializedOutput, after.SerializedOutput);
            Assert.Equal(before[id].HistoryLength, (await host.Client.GetOrchestrationHistoryAsync(id)).Count);
        }

        Assert.Equal(DeliveryWorkload.ExpectedNegotiation("bath"), before[ids[0]].Instance.ReadOutputAs<string>());
        Assert.True(ledger.Runs > runs, "the copies of activity work items ran again");
        Assert.Equal(applied, ledger.Applied);
        await AssertNothingUnfinishedAsync(host);
    }

    [Fact]
    public async Task Counter_CopyOfATakenEventArrivesAfterContinueAsNew_NotTakenAgain()
    {
        var ledger = new EffectLedger();
        var delivery = new UnreliableDelivery(new UnreliableDeliveryOptions { Seed = 13, HoldDuplicates = true, MaxExtraDelay = TimeSpan.Zero });
        await using var host = await StartAsync(delivery, ledger);
        await host.StartAsync(DeliveryWorkload.Counter, new CounterState(0, 3), "counter");
        await host.SettleAsync();
        await host.Client.RaiseEventAsync("counter", "Add", 1);
        await host.SettleAsync();

        // The second execution waits with a total of 1; now the copies come: of the event the first one took, of the
        // client's start, and of the start that continued it.
        Assert.True(await delivery.ReleaseHeldAsync() >= 3);
        var waiting = await host.SettleAndGetAsync("counter");

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(new CounterState(1, 3), waiting.ReadInputAs<CounterState>());
        await host.Client.RaiseEventAsync("counter", "Add", 1);
        await host.Client.RaiseEventAsync("counter", "Add", 1);
        Assert.Equal(3, (await host.WaitForCompletionAsync("counter")).ReadOutputAs<int>());
        await host.SettleAsync();
        Assert.Equal(3, (await host.Client.GetInstanceAsync("counter", getInputsAndOutputs: true))!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Parent_CopyOfItsChildsFirstStartArrivesAfterTheChildContinuedAsNew_ParentUnaffected()
    {
        var ledger = new EffectLedger();
        var delivery = new UnreliableDelivery(new UnreliableDeliveryOptions { Seed = 14, HoldDuplicates = true, MaxExtraDelay = TimeSpan.Zero });
        await using var host = await StartAsync(delivery, ledger);
        await host.StartAsync(DeliveryWorkload.Parent, instanceId: "parent");
        await host.SettleAsync();
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        var child = await host.SettleAndGetAsync("parent-looper");
        Assert.Equal(2, child.ReadInputAs<int>());

        // The parent's start message for the child's first execution arrives again while the child's second runs.
        Assert.True(await delivery.ReleaseHeldAsync() >= 2);
        await host.SettleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("parent"))?.RuntimeStatus);
        Assert.Equal(2, (await host.SettleAndGetAsync("parent-looper")).ReadInputAs<int>());
        await host.AdvanceAsync(TimeSpan.FromHours(2));
        var done = await host.WaitForCompletionAsync("parent");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("looped 3", done.ReadOutputAs<string>());
    }

    private async Task<DurableTestHost> StartAsync(UnreliableDelivery delivery, EffectLedger ledger) =>
        await DurableTestHost.StartAsync(
            b => delivery.UseAzureStorageBackend(
                b.Configure(w => w.MaxConcurrentActivities = 8).AddTasks(r => DeliveryWorkload.Register(r, ledger)),
                o =>
                {
                    o.ConnectionString = azurite.ConnectionString;
                    o.TaskHubName = TestHubs.NewHubName();
                    o.PartitionCount = 2;
                    o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
                }),
            deadline: TimeSpan.FromSeconds(60));

    private static async Task AssertNothingUnfinishedAsync(DurableTestHost host)
    {
        await host.SettleAsync();
        var unfinished = await host.Client.GetInstancesPageAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.ContinuedAsNew],
        });
        Assert.Empty(unfinished.Instances.Select(i => $"{i.InstanceId} {i.RuntimeStatus}"));
    }
}
