using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Diagnostics;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Runs one activity work item: resolve the activity in a scope, run it, send the result, complete.</summary>
internal sealed class ActivityProcessor(
    IDurableBackend backend,
    DurableTaskRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<DurableTaskWorkerOptions> options,
    ILoggerFactory? loggerFactory = null)
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("LaaWorkflow.Durable.Worker");

    public async Task ProcessAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var message = workItem.Message;
        var scheduled = (TaskScheduledEvent)message.Event;
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = KeepLockedAsync(workItem, renewing.Token);
        try
        {
            HistoryEvent response;
            try
            {
                response = await RunAsync(message, scheduled, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await renewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
            }

            var reply = new TaskMessage(Guid.NewGuid().ToString("N"), message.InstanceId, message.ExecutionId, response);
            await backend.Messages.SendAsync([reply], cancellationToken).ConfigureAwait(false);
            await backend.Activities.CompleteAsync(workItem, cancellationToken).ConfigureAwait(false);
            DurableCounts.ActivityCompleted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await backend.Activities.AbandonAsync(workItem, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A storage failure leaves the message to be retried; the worker loop must keep running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.ActivityWorkItemFailed(_logger, message.InstanceId, scheduled.Name, ex);
            await backend.Activities.AbandonAsync(workItem, options.Value.RetryDelay, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the lock at half its duration while the activity runs, so a long activity is not handed out twice.</summary>
    private async Task KeepLockedAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var lockDuration = options.Value.WorkItemLockDuration;
        using var timer = new PeriodicTimer(lockDuration / 2, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await backend.Activities.RenewAsync(workItem, lockDuration, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished (or the worker is stopping).
        }
    }

    private async Task<HistoryEvent> RunAsync(TaskMessage message, TaskScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                if (!registry.TryGetActivity(scheduled.Name, out var factory))
                {
                    throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered with this worker.");
                }

                var activity = factory(scope.ServiceProvider);
                var input = DurableJson.Deserialize(scheduled.Input, activity.InputType);
                var context = new ActivityContext(scheduled.Name, message.InstanceId, message.ExecutionId ?? string.Empty, scheduled.EventId);
                var result = await activity.RunAsync(context, input).ConfigureAwait(false);
                return new TaskCompletedEvent(scheduled.EventId, DurableJson.Serialize(result)) { Timestamp = time.GetUtcNow() };
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The failure travels to the orchestration as a TaskFailedException with these details.
                var details = TaskFailureDetails.FromException(ex);
                Logs.ActivityFailed(_logger, message.InstanceId, scheduled.Name, scheduled.EventId, details.ErrorType);
                return new TaskFailedEvent(scheduled.EventId, details) { Timestamp = time.GetUtcNow() };
            }
        }
    }

    private sealed class ActivityContext(string name, string instanceId, string executionId, int taskId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override string ExecutionId => executionId;

        public override int TaskId => taskId;
    }
}
