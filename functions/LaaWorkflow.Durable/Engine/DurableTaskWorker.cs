using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Durable.Engine;

/// <summary>The worker: a few loops that lock orchestration and activity work items and run them.</summary>
internal sealed class DurableTaskWorker(
    IDurableBackend backend,
    OrchestrationProcessor orchestrations,
    ActivityProcessor activities,
    TimeProvider time,
    IOptions<DurableTaskWorkerOptions> options,
    ILoggerFactory? loggerFactory = null) : BackgroundService
{
    private static readonly TimeSpan LoopFailurePause = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DurableTaskWorker>();

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

    private Task OrchestrationLoopAsync(DurableTaskWorkerOptions settings, CancellationToken stoppingToken) =>
        RunLoopAsync("orchestration", async () =>
        {
            var workItem = await backend.Orchestrations.LockNextAsync(settings.WorkItemLockDuration, stoppingToken).ConfigureAwait(false);
            if (workItem is not null)
            {
                await orchestrations.ProcessAsync(workItem, stoppingToken).ConfigureAwait(false);
            }
        }, stoppingToken);

    private Task ActivityLoopAsync(DurableTaskWorkerOptions settings, CancellationToken stoppingToken) =>
        RunLoopAsync("activity", async () =>
        {
            var workItem = await backend.Activities.LockNextAsync(settings.WorkItemLockDuration, stoppingToken).ConfigureAwait(false);
            if (workItem is not null)
            {
                await activities.ProcessAsync(workItem, stoppingToken).ConfigureAwait(false);
            }
        }, stoppingToken);

    /// <summary>
    /// Runs one loop until the worker stops. A loop is the worker's only way to take work, so it must outlive any one
    /// failure: a storage call that times out or fails while a work item is locked or given back (its message
    /// reappears when its lock runs out) is logged and the loop goes on, after a pause on the wall clock so a storage
    /// outage is not hammered.
    /// </summary>
    private async Task RunLoopAsync(string loop, Func<Task> takeOne, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await takeOne().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // See the summary: the loop must keep running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Logs.WorkerLoopFailed(_logger, loop, ex);
                try
                {
                    await Task.Delay(LoopFailurePause, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
