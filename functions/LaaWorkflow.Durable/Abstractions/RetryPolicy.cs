namespace LaaWorkflow.Durable;

/// <summary>A declarative retry policy: attempts, exponential backoff, caps, and which failures to retry.</summary>
/// <remarks>
/// The waits between attempts are durable timers on the orchestration's clock, so a retry schedule survives restarts
/// and plays instantly under a virtual clock. The delay before retry n (1-based) is
/// <c>min(firstRetryInterval * backoffCoefficient^(n-1), maxRetryInterval)</c>.
/// </remarks>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in total, including the first; at least 1.</param>
    /// <param name="firstRetryInterval">The wait before the first retry; positive.</param>
    /// <param name="backoffCoefficient">The factor each further wait grows by; at least 1.</param>
    /// <param name="maxRetryInterval">The longest single wait; unbounded when null.</param>
    /// <param name="retryTimeout">No retry starts once this much time has passed since the first attempt; unbounded when null.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, firstRetryInterval, nameof(maxRetryInterval));
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromDays(365);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor each further wait grows by.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest single wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>The overall budget for retries, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is worth retrying; every failure is retried when null.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The wait before retry number <paramref name="retryNumber"/> (1-based).</summary>
    public TimeSpan GetDelay(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retryNumber - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
