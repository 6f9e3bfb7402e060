using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Durable.Tests.InMemory;

/// <summary>The receiver makes duplicates harmless, and the outbox survives a crash between commit and send.</summary>
public sealed class AtLeastOnceDeliveryTests
{
    [Fact]
    public async Task Episodes_EveryMessageDeliveredTwice_SameResultsAndNoDuplicateHistory()
    {
        await using var host = await StartAsync(time => new FaultInjectingBackend(time, duplicateEverything: true));

        var sequence = await host.StartAsync("Sequence", 5);
        var fanOut = await host.StartAsync("FanOut", 20);
        var waits = await host.StartAsync("TwoAnswers");
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(waits, "Answer", "one");
        await host.Client.RaiseEventAsync(waits, "Answer", "two");

        Assert.Equal(10, (await host.WaitForCompletionAsync(sequence)).ReadOutputAs<int>());
        Assert.Equal(190, (await host.WaitForCompletionAsync(fanOut)).ReadOutputAs<int>());
        Assert.Equal("one,two", (await host.WaitForCompletionAsync(waits)).ReadOutputAs<string>());
        var history = await host.Client.GetOrchestrationHistoryAsync(fanOut);
        Assert.Equal(20, history.OfType<TaskCompletedEvent>().Count());
        Assert.Single(history.OfType<ExecutionStartedEvent>());
    }

    [Fact]
    public async Task Checkpoint_SendFailsAfterCommit_OutboxResentAndInstanceCompletes()
    {
        FaultInjectingBackend? backend = null;
        await using var host = await StartAsync(time => backend = new FaultInjectingBackend(time, failSendsAfterCommit: 2));

        var id = await host.StartAsync("Sequence", 3);
        await host.SettleAsync();
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskWorkerOptions>>().Value;
        for (var i = 0; i < 4 && (await host.Client.GetInstanceAsync(id))?.IsCompleted != true; i++)
        {
            // Each injected failure abandons the work item for the retry delay, on the virtual clock.
            await host.AdvanceAsync(options.RetryDelay);
        }

        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(2, backend!.InjectedFailures);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    private static Task<DurableTestHost> StartAsync(Func<TimeProvider, IDurableBackend> backend) =>
        DurableTestHost.StartAsync(b => b
            .AddTasks(r => r
                .AddActivityFunc<int, int>("Identity", (_, n) => n)
                .AddOrchestratorFunc<int, int>("Sequence", async (ctx, count) =>
                {
                    var total = 0;
                    for (var i = 0; i < count; i++)
                    {
                        total += await ctx.CallActivityAsync<int>("Identity", i);
                    }

                    return total;
                })
                .AddOrchestratorFunc<int, int>("FanOut", async (ctx, count) =>
                    (await Task.WhenAll(Enumerable.Range(0, count).Select(i => ctx.CallActivityAsync<int>("Identity", i)))).Sum())
                .AddOrchestratorFunc<string?, string>("TwoAnswers", async (ctx, _) =>
                    $"{await ctx.WaitForExternalEvent<string>("Answer")},{await ctx.WaitForExternalEvent<string>("Answer")}"))
            .UseBackend(sp => backend(sp.GetRequiredService<TimeProvider>())));
}
