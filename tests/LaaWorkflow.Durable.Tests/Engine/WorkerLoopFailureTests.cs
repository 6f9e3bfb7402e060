using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.InMemory;
using LaaWorkflow.Testing.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Durable.Tests.Engine;

/// <summary>
/// A worker loop outlives a failing storage call: under load a request can time out (an OperationCanceledException
/// that is not the worker stopping) or fail while a work item is taken or given back. A loop that died then would
/// leave its share of the instances waiting for ever.
/// </summary>
public sealed class WorkerLoopFailureTests
{
    private const int Loops = 2;

    [Theory]
    [InlineData("timeout")]
    [InlineData("failure")]
    public async Task Worker_TakingWorkFailsMoreTimesThanThereAreLoops_InstanceStillCompletes(string kind)
    {
        FlakyBackend? backend = null;
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddTasks(r => r
                .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
                .AddOrchestratorFunc<int, int>("Twice", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", n))))
            .Configure(o =>
            {
                o.MaxConcurrentOrchestrations = Loops;
                o.MaxConcurrentActivities = Loops;
            })
            .UseBackend(sp => backend = new FlakyBackend(new InMemoryBackend(sp.GetRequiredService<TimeProvider>()), failures: Loops + 1, kind)));

        var id = await host.StartAsync("Twice", 5);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(20, done.ReadOutputAs<int>());
        Assert.Equal(2 * (Loops + 1), backend!.InjectedFailures);
    }

    /// <summary>The in-memory backend whose work-item queues fail their first few LockNext calls.</summary>
    private sealed class FlakyBackend(InMemoryBackend inner, int failures, string kind) : IDurableBackend, IIdleSignal
    {
        private int _orchestrationFailuresLeft = failures;
        private int _activityFailuresLeft = failures;
        private int _injected;

        public int InjectedFailures => Volatile.Read(ref _injected);

        public IOrchestrationWorkItemQueue Orchestrations => field ??= new FlakyOrchestrations(inner.Orchestrations, this);

        public IActivityWorkItemQueue Activities => field ??= new FlakyActivities(inner.Activities, this);

        public ITrackingStore Tracking => inner.Tracking;

        public IMessageSender Messages => inner.Messages;

        public IPayloadStore Payloads => inner.Payloads;

        public Task WaitForIdleAsync(CancellationToken cancellationToken) => inner.WaitForIdleAsync(cancellationToken);

        private void MaybeFail(ref int left)
        {
            if (Interlocked.Decrement(ref left) < 0)
            {
                return;
            }

            Interlocked.Increment(ref _injected);
            throw kind == "timeout"
                ? new TaskCanceledException("injected: the storage request timed out")
                : new IOException("injected: the storage request failed");
        }

        private sealed class FlakyOrchestrations(IOrchestrationWorkItemQueue queue, FlakyBackend owner) : IOrchestrationWorkItemQueue
        {
            public Task<OrchestrationWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
            {
                owner.MaybeFail(ref owner._orchestrationFailuresLeft);
                return queue.LockNextAsync(lockDuration, cancellationToken);
            }

            public Task<bool> RenewAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken) =>
                queue.RenewAsync(workItem, lockDuration, cancellationToken);

            public Task CompleteAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) => queue.CompleteAsync(workItem, cancellationToken);

            public Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken) =>
                queue.AbandonAsync(workItem, retryDelay, cancellationToken);
        }

        private sealed class FlakyActivities(IActivityWorkItemQueue queue, FlakyBackend owner) : IActivityWorkItemQueue
        {
            public Task<ActivityWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
            {
                owner.MaybeFail(ref owner._activityFailuresLeft);
                return queue.LockNextAsync(lockDuration, cancellationToken);
            }

            public Task<bool> RenewAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken) =>
                queue.RenewAsync(workItem, lockDuration, cancellationToken);

            public Task CompleteAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) => queue.CompleteAsync(workItem, cancellationToken);

            public Task AbandonAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken) =>
                queue.AbandonAsync(workItem, retryDelay, cancellationToken);
        }
    }
}
