using System.Text;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.Engine;

/// <summary>The <see cref="TaskOrchestrationContext"/> the orchestrator code sees: every call becomes an action or a wait.</summary>
internal sealed partial class OrchestrationExecutor
{
    public override TaskName Name => OrchestratorName;

    public override ParentOrchestrationInstance? Parent =>
        ParentInfo is { } parent ? new ParentOrchestrationInstance(parent.Name, parent.InstanceId) : null;

    public override bool IsReplaying => _replaying;

    public override DateTime CurrentUtcDateTime => _now.UtcDateTime;

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(SerializedInput);

    public override Guid NewGuid() =>
        DeterministicGuid.Create($"{InstanceId}_{ExecutionId}_{_now.UtcTicks}_{_guidCounter++}");

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name.Name, nameof(name));
        var serialized = DurableJson.Serialize(input);
        return WithRetry(() => ScheduleTask<TResult>(name.Name, serialized), options?.Retry);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        var serialized = DurableJson.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(() => StartSubOrchestration<TResult>(orchestratorName.Name, instanceId, serialized), options?.Retry);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var target = new DateTimeOffset(fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        return target - _now <= _maxTimerDelay ? CreateSingleTimer(target, cancellationToken) : ChainTimersAsync(target, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        for (var node = _bufferedEvents.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, eventName, StringComparison.OrdinalIgnoreCase))
            {
                _bufferedEvents.Remove(node);
                return Task.FromResult(DurableJson.Deserialize<T>(node.Value.Input)!);
            }
        }

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<EventWaiter>();
            _waiters[eventName] = waiters;
        }

        var waiter = new EventWaiter();
        var entry = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled wait leaves the queue, so the event it would have taken stays for the next wait.
            waiter.Registration = cancellationToken.Register(() =>
            {
                if (entry.List is not null)
                {
                    waiters.Remove(entry);
                }

                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return ReadResult<T>(waiter.Completion.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _nextTaskId++;
        _pendingActions[id] = new SendEventAction(id, instanceId, eventName, DurableJson.Serialize(payload));
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var json = DurableJson.Serialize(customStatus);
        var bytes = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status of '{InstanceId}' is {bytes} bytes when serialized; the limit is {MaxCustomStatusBytes} bytes (16 KB). Publish a summary and keep details in a read model.",
                nameof(customStatus));
        }

        CustomStatus = json;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = (DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => _replaying);

    private static async Task<T> ReadResult<T>(Task<string?> result) => DurableJson.Deserialize<T>(await result)!;

    private Task<TResult> ScheduleTask<TResult>(string name, string? input)
    {
        var id = _nextTaskId++;
        _pendingActions[id] = new ScheduleTaskAction(id, name, input);
        var open = new OpenTask(name, isTimer: false);
        _openTasks[id] = open;
        return ReadResult<TResult>(open.Completion.Task);
    }

    private Task<TResult> StartSubOrchestration<TResult>(string name, string? instanceId, string? input)
    {
        var id = _nextTaskId++;
        var childId = instanceId ?? $"{InstanceId}:{id:D4}";
        var executionId = DeterministicGuid.Create($"{InstanceId}_{ExecutionId}_sub_{id}").ToString("N");
        _pendingActions[id] = new CreateSubOrchestrationAction(id, name, childId, executionId, input);
        var open = new OpenTask(name, isTimer: false);
        _openTasks[id] = open;
        return ReadResult<TResult>(open.Completion.Task);
    }

    private Task CreateSingleTimer(DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var id = _nextTaskId++;
        _pendingActions[id] = new CreateTimerAction(id, fireAt);
        var open = new OpenTask("timer", isTimer: true);
        _openTasks[id] = open;
        if (cancellationToken.CanBeCanceled)
        {
            open.Registration = cancellationToken.Register(() =>
            {
                open.Cancelled = true;
                open.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return open.Completion.Task;
    }

    private async Task ChainTimersAsync(DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        // Each link is at most the backend's longest message delay; the links depend only on recorded times, so replay
        // recreates the same chain.
        while (fireAt - _now > _maxTimerDelay)
        {
            await CreateSingleTimer(_now + _maxTimerDelay, cancellationToken);
        }

        await CreateSingleTimer(fireAt, cancellationToken);
    }

    private Task<TResult> WithRetry<TResult>(Func<Task<TResult>> call, TaskRetryOptions? retry) =>
        retry is null ? call() : RetryAsync(call, retry.Policy);

    private async Task<TResult> RetryAsync<TResult>(Func<Task<TResult>> call, RetryPolicy policy)
    {
        var firstAttempt = _now;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException failure) when (attempt < policy.MaxNumberOfAttempts && (policy.HandleFailure?.Invoke(failure.FailureDetails) ?? true))
            {
                var delay = policy.GetDelay(attempt);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && _now + delay - firstAttempt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None);
            }
        }
    }
}
