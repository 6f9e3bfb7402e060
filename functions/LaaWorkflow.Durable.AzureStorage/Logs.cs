using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage;

/// <summary>Every log message of the Azure Storage backend; instance messages carry the instance id.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Worker {WorkerId} acquired the lease on partition {Partition}.")]
    public static partial void LeaseAcquired(ILogger logger, string workerId, int partition);

    [LoggerMessage(2, LogLevel.Information, "Worker {WorkerId} lost the lease on partition {Partition}.")]
    public static partial void LeaseLost(ILogger logger, string workerId, int partition);

    [LoggerMessage(3, LogLevel.Information, "Worker {WorkerId} asked {Owner} for partition {Partition} to balance the load.")]
    public static partial void LeaseRequested(ILogger logger, string workerId, int partition, string owner);

    [LoggerMessage(10, LogLevel.Warning, "Instance {InstanceId}: checkpoint lost to another owner; the work item is abandoned.")]
    public static partial void CheckpointConflict(ILogger logger, string instanceId);

    [LoggerMessage(11, LogLevel.Information, "Instance {InstanceId}: resending {Count} outbound messages of episode {Episode} that a previous owner committed but may not have sent.")]
    public static partial void OutboxResent(ILogger logger, string instanceId, int count, long episode);

    [LoggerMessage(12, LogLevel.Debug, "Instance {InstanceId}: dropped duplicate message {MessageId}.")]
    public static partial void DuplicateDropped(ILogger logger, string instanceId, string messageId);

    [LoggerMessage(13, LogLevel.Information, "Instance {InstanceId}: kept event {MessageId} that arrived before the instance started.")]
    public static partial void EarlyEventKept(ILogger logger, string instanceId, string messageId);

    [LoggerMessage(20, LogLevel.Warning, "Storage call failed in the {Loop} loop; retrying after {Delay}.")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop, TimeSpan delay);

    [LoggerMessage(21, LogLevel.Debug, "Instance {InstanceId}: timer {TimerKey} due at {FireAt:o} delivered.")]
    public static partial void TimerDelivered(ILogger logger, string instanceId, string timerKey, DateTimeOffset fireAt);

    [LoggerMessage(22, LogLevel.Error, "Dropped message {MessageId} from {Queue}: it is not a task message.")]
    public static partial void PoisonMessageDropped(ILogger logger, Exception exception, string queue, string messageId);
}
