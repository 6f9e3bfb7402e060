namespace LaaWorkflow.Durable;

/// <summary>The runtime status of an orchestration instance.</summary>
/// <remarks>Stored by name, so the values may be reordered but never renamed.</remarks>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled but not yet started (also while waiting for a scheduled start time).</summary>
    Pending,

    /// <summary>Started and not yet finished.</summary>
    Running,

    /// <summary>Paused by an operator; new events are kept until it is resumed.</summary>
    Suspended,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Terminated,

    /// <summary>Ended its execution and started a new one with a new input.</summary>
    ContinuedAsNew,
}

/// <summary>Helpers for <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for statuses an instance never leaves on its own: Completed, Failed and Terminated.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
