namespace LaaWorkflow.Durable;

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskActivity{TInput, TOutput}"/> instead.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>An activity: the unit of real work (I/O, email, storage) an orchestration schedules.</summary>
/// <remarks>
/// Delivery is at least once: an activity may run again after a crash or a lost lock, so every outside effect must be
/// idempotent, keyed by <see cref="TaskActivityContext.InstanceId"/>, <see cref="TaskActivityContext.ExecutionId"/>
/// and <see cref="TaskActivityContext.TaskId"/>. Activities are resolved from dependency injection in a scope per run.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    /// <summary>The activity's code.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}
