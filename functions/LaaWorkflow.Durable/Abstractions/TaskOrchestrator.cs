namespace LaaWorkflow.Durable;

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskOrchestrator{TInput, TOutput}"/> instead.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestration with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// An orchestration: durable, replayed code that schedules activities, timers, waits and sub-orchestrations.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed from history after every await, so it must be deterministic: use
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, <see cref="TaskOrchestrationContext.NewGuid"/> and
/// <see cref="TaskOrchestrationContext.CreateTimer(DateTime, CancellationToken)"/> instead of the system clock,
/// <see cref="Guid.NewGuid"/> or <see cref="Task.Delay(TimeSpan)"/>; do I/O only in activities; never use
/// <c>ConfigureAwait(false)</c>, which would leave the orchestration's single thread.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>The orchestration's code.</summary>
    /// <param name="context">The deterministic context: every durable operation goes through it.</param>
    /// <param name="input">The input given when the instance was scheduled.</param>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
