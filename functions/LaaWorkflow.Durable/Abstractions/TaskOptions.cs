namespace LaaWorkflow.Durable;

/// <summary>Options for calling an activity or sub-orchestration.</summary>
/// <param name="Retry">How to retry a failed call; null for no retries.</param>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    /// <summary>Options that retry by <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>Options for calling a sub-orchestration.</summary>
/// <param name="InstanceId">The child's instance id; when null one is derived deterministically from the parent's.</param>
/// <param name="Retry">How to retry a failed call; null for no retries.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, TaskRetryOptions? Retry = null) : TaskOptions(Retry);

/// <summary>The retry behaviour for a call.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Retries by a declarative policy; the waits between attempts are durable timers.</summary>
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>The policy.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>Lets a <see cref="RetryPolicy"/> be passed where retry options are expected.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Creates retry options from a policy.</summary>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
