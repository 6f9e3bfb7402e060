namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>
/// Log messages of the custom handler. A timer has no orchestration instance, so the id each message
/// carries is the host's invocation id (<c>Metadata.sys.RandGuid</c>).
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(8001, LogLevel.Information, "Custom handler answering the Functions host on 127.0.0.1:{Port} (FUNCTIONS_CUSTOMHANDLER_PORT)")]
    public static partial void AnsweringFunctionsHost(ILogger logger, int port);

    [LoggerMessage(8002, LogLevel.Warning, "Invocation {InvocationId} of {FunctionName} rejected: {Problem}")]
    public static partial void PayloadRejected(ILogger logger, string invocationId, string functionName, string problem);

    [LoggerMessage(8003, LogLevel.Warning, "Invocation {InvocationId} of {FunctionName} refused: the caller {Caller} is not on this machine")]
    public static partial void RemoteCallerRefused(ILogger logger, string invocationId, string functionName, string caller);

    [LoggerMessage(8010, LogLevel.Information, "Invocation {InvocationId}: maintenance released {Released} expired leases and purged {Purged} finished instances created before {Cutoff:o}")]
    public static partial void MaintenanceDone(ILogger logger, string invocationId, string released, int purged, DateTimeOffset cutoff);

    [LoggerMessage(8011, LogLevel.Warning, "Invocation {InvocationId}: the maintenance timer is past due (last run {Last:o})")]
    public static partial void MaintenancePastDue(ILogger logger, string invocationId, DateTimeOffset? last);

    [LoggerMessage(8012, LogLevel.Error, "Invocation {InvocationId}: maintenance cannot run, no durable runtime is registered")]
    public static partial void MaintenanceWithoutRuntime(ILogger logger, string invocationId);
}
