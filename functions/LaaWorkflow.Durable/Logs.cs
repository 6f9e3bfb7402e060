using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable;

/// <summary>Every log message of the durable runtime, source-generated, each naming the instance.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Debug, "Instance {InstanceId}: episode committed ({EventCount} events, {MessageCount} messages, status {Status}).")]
    public static partial void EpisodeCommitted(ILogger logger, string instanceId, int eventCount, int messageCount, OrchestrationRuntimeStatus status);

    [LoggerMessage(2, LogLevel.Warning, "Instance {InstanceId}: checkpoint conflict (another worker committed); reloading, attempt {Attempt}.")]
    public static partial void CheckpointConflict(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(10, LogLevel.Error, "The {Loop} loop of the worker failed outside any one instance's work; it goes on after a pause.")]
    public static partial void WorkerLoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Instance {InstanceId}: orchestration work item failed; its messages will be retried.")]
    public static partial void OrchestrationWorkItemFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Instance {InstanceId}: activity {ActivityName} (task {TaskId}) failed: {ErrorType}.")]
    public static partial void ActivityFailed(ILogger logger, string instanceId, string activityName, int taskId, string errorType);

    [LoggerMessage(5, LogLevel.Error, "Instance {InstanceId}: activity work item {ActivityName} could not be completed; it will be retried.")]
    public static partial void ActivityWorkItemFailed(ILogger logger, string instanceId, string activityName, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Instance {InstanceId}: {Status}.")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(7, LogLevel.Debug, "Instance {InstanceId}: {Count} message(s) discarded ({Reason}).")]
    public static partial void MessagesDiscarded(ILogger logger, string instanceId, int count, string reason);

    [LoggerMessage(8, LogLevel.Information, "Instance {InstanceId}: resending {Count} message(s) of the last checkpoint's outbox.")]
    public static partial void OutboxResent(ILogger logger, string instanceId, int count);

    [LoggerMessage(9, LogLevel.Warning, "Instance {InstanceId}: a start of execution {ExecutionId} arrived while another execution is running; ignored.")]
    public static partial void StartIgnored(ILogger logger, string instanceId, string executionId);
}
