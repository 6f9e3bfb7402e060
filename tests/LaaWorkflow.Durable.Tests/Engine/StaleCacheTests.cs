using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Engine;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Durable.InMemory;
using LaaWorkflow.Durable.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Durable.Tests.Engine;

/// <summary>
/// Two workers sharing one store, as two hosts do when a partition moves from one to the other and back: the first
/// worker's cached copy of an instance is then older than what is stored.
/// </summary>
public sealed class StaleCacheTests : IDisposable
{
    private const string Id = "two-steps";
    private readonly VirtualClock _clock = new(new DateTimeOffset(2008, 1, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBackend _backend;
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public StaleCacheTests() => _backend = new InMemoryBackend(_clock);

    [Fact]
    public async Task ResultOfATaskScheduledByAnotherWorker_ReachesTheInstance_ThoughThisWorkersCachedCopyNeverSawTheTask()
    {
        var first = NewProcessor();
        var second = NewProcessor();
        await StartAsync();

        // The first worker runs the start and caches the instance; the second runs the next episode.
        await first.ProcessAsync(await LockAsync(), CancellationToken.None);
        await SendAsync(new TaskCompletedEvent(0, "\"one\""));
        await second.ProcessAsync(await LockAsync(), CancellationToken.None);

        // The partition comes back: the first worker gets the result of the task only the second one scheduled.
        await SendAsync(new TaskCompletedEvent(1, "\"two\""));
        await first.ProcessAsync(await LockAsync(), CancellationToken.None);

        var instance = await _backend.Tracking.GetInstanceAsync(Id, includePayloads: true, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance?.RuntimeStatus);
        Assert.Equal("\"one, two\"", instance?.Output);
    }

    public void Dispose()
    {
        _backend.Dispose();
        _services.Dispose();
    }

    private OrchestrationProcessor NewProcessor()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<string?, string>("TwoSteps", async (context, _) =>
        {
            var one = await context.CallActivityAsync<string>("Step", "1");
            var two = await context.CallActivityAsync<string>("Step", "2");
            return $"{one}, {two}";
        });
        return new OrchestrationProcessor(_backend, registry, _services, _clock, Options.Create(new DurableTaskWorkerOptions { MaxCachedInstances = 100 }));
    }

    private async Task StartAsync()
    {
        var now = _clock.GetUtcNow();
        await _backend.Tracking.TryCreatePendingAsync(
            new InstanceRecord(Id, "TwoSteps") { ExecutionId = "e1", RuntimeStatus = OrchestrationRuntimeStatus.Pending, CreatedAt = now, LastUpdatedAt = now },
            CancellationToken.None);
        await _backend.Messages.SendAsync([new TaskMessage("start", Id, null, new ExecutionStartedEvent("TwoSteps", "e1", null))], CancellationToken.None);
    }

    private Task SendAsync(HistoryEvent result) =>
        _backend.Messages.SendAsync([new TaskMessage(Guid.NewGuid().ToString("N"), Id, "e1", result)], CancellationToken.None);

    private async Task<OrchestrationWorkItem> LockAsync() =>
        await _backend.Orchestrations.LockNextAsync(TimeSpan.FromMinutes(1), CancellationToken.None)
        ?? throw new InvalidOperationException("No orchestration work item was ready.");
}
