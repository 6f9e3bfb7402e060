using Microsoft.Extensions.Logging;

namespace LaaWorkflow.TaskHub;

internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Warning, "Task hub {HubName} could not be created (attempt {Attempt}); storage may be out, trying again in {Delay}")]
    public static partial void HubNotCreated(ILogger logger, Exception error, string hubName, int attempt, TimeSpan delay);

    [LoggerMessage(2, LogLevel.Warning, "Instance {InstanceId}: dropped {Count} duplicate start message(s); it has started already")]
    public static partial void DuplicateStartDropped(ILogger logger, string instanceId, int count);
}
