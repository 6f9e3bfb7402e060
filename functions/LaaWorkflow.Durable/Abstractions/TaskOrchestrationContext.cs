using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable;

/// <summary>
/// The deterministic world of an orchestration: everything that touches time, randomness or the outside goes through it,
/// so the code replays to the same state from history.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestration that started this one as a sub-orchestration, or null.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>True while the code is being replayed from history (effects already happened); false for new work.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration's clock: the time the current episode started, recorded in history. Use instead of <see cref="DateTime.UtcNow"/>.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The instance's input, deserialized to <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>A GUID that is the same on every replay (name-based on the instance and a counter). Use instead of <see cref="Guid.NewGuid"/>.</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <param name="orchestratorName">The child's orchestrator.</param>
    /// <param name="input">The child's input.</param>
    /// <param name="options">A <see cref="SubOrchestrationOptions"/> to choose the child's instance id, and retries.</param>
    /// <exception cref="TaskFailedException">The sub-orchestration failed.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer firing at <paramref name="fireAt"/> (UTC), of any length.</summary>
    /// <remarks>
    /// Cancel a timer that lost a race (for example against <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>):
    /// an instance does not complete while an uncancelled timer is outstanding.
    /// </remarks>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer firing <paramref name="delay"/> after <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for the next event named <paramref name="eventName"/> (case-insensitive) and returns its payload.</summary>
    /// <remarks>
    /// Events raised before the wait (even before the instance started) are kept and delivered in the order raised.
    /// A wait that is cancelled does not consume an event.
    /// </remarks>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event for at most <paramref name="timeout"/> of orchestration time.</summary>
    /// <exception cref="TaskCanceledException">The timeout passed first (or <paramref name="cancellationToken"/> was cancelled).</exception>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancelWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var cancelTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = WaitForExternalEvent<T>(eventName, cancelWait.Token);
        var timer = CreateTimer(timeout, cancelTimer.Token);
        var winner = await Task.WhenAny(wait, timer);
        if (winner == wait)
        {
            // Cancel synchronously: the orchestration's continuations must run on its own thread, in order.
            cancelTimer.Cancel();
            return await wait;
        }

        cancelWait.Cancel();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    /// <summary>Sends an event to another orchestration instance (fire and forget, delivered at least once).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Publishes a status object that clients can read while the instance runs.</summary>
    /// <exception cref="ArgumentException">The serialized status is larger than 16 KB.</exception>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts a new one of the same instance with <paramref name="newInput"/> and an empty history.</summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry events received but not yet awaited over to the next execution, in order.</param>
    /// <remarks>Return from the orchestrator right after calling this; its return value is ignored.</remarks>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes only when the code is not replaying, so each message appears once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A replay-safe logger named after <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
