using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Durable.Engine;

/// <summary>The worker: a few loops that lock orchestration and activity work items and run them.</summary>
internal sealed class DurableTaskWorker(
    IDurableBackend backend,
    OrchestrationProcessor orchestrations,
    ActivityProcessor activities,
    TimeProvider time,
    IOptions<DurableTaskWorkerOptions> options) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Under a virtual clock, advancing time waits for this backend to settle between timers.
        if (time is VirtualClock clock && backend is IIdleSignal idle)
        {
            clock.AttachIdleSignal(idle);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var loops = new List<Task>();
        for (var i = 0; i < Math.Max(1, settings.MaxConcurrentOrchestrations); i++)
        {
            loops.Add(Task.Run(() => OrchestrationLoopAsync(settings, stoppingToken), CancellationToken.None));
        }

        for (var i = 0; i < Math.Max(1, settings.MaxConcurrentActivities); i++)
        {
            loops.Add(Task.Run(() => ActivityLoopAsync(settings, stoppingToken), CancellationToken.None));
        }

        return Task.WhenAll(loops);
    }

    private async Task OrchestrationLoopAsync(DurableTaskWorkerOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            OrchestrationWorkItem? workItem;
            try
            {
                workItem = await backend.Orchestrations.LockNextAsync(settings.WorkItemLockDuration, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (workItem is not null)
            {
                await orchestrations.ProcessAsync(workItem, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ActivityLoopAsync(DurableTaskWorkerOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ActivityWorkItem? workItem;
            try
            {
                workItem = await backend.Activities.LockNextAsync(settings.WorkItemLockDuration, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (workItem is not null)
            {
                await activities.ProcessAsync(workItem, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
