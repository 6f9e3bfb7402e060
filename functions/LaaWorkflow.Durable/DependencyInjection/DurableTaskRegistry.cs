using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
/// <remarks>
/// Types are resolved from dependency injection (registered or constructed with their dependencies injected): an activity
/// in a fresh scope per run, an orchestrator once per instance it drives.
/// </remarks>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.Ordinal);

    /// <summary>Registers an orchestrator under its type name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(typeof(TOrchestrator).Name, typeof(TOrchestrator));

    /// <summary>Registers an orchestrator type under a name.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Type orchestratorType)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        if (!typeof(ITaskOrchestrator).IsAssignableFrom(orchestratorType))
        {
            throw new ArgumentException($"{orchestratorType} is not an orchestrator (derive from TaskOrchestrator<TInput, TOutput>).", nameof(orchestratorType));
        }

        return Add(_orchestrators, name, sp => (ITaskOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(sp, orchestratorType), "orchestrator");
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return Add(_orchestrators, name, _ => new FuncOrchestrator<TInput, TOutput>(orchestrator), "orchestrator");
    }

    /// <summary>Registers an activity under its type name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity =>
        AddActivity(typeof(TActivity).Name, typeof(TActivity));

    /// <summary>Registers an activity type under a name.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        if (!typeof(ITaskActivity).IsAssignableFrom(activityType))
        {
            throw new ArgumentException($"{activityType} is not an activity (derive from TaskActivity<TInput, TOutput>).", nameof(activityType));
        }

        return Add(_activities, name, sp => (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(sp, activityType), "activity");
    }

    /// <summary>Registers an activity written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Add(_activities, name, _ => new FuncActivity<TInput, TOutput>(activity), "activity");
    }

    /// <summary>Registers a synchronous activity written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(activity(context, input)));
    }

    /// <summary>Whether an orchestrator is registered under <paramref name="name"/>, so a client can refuse to start an unknown one.</summary>
    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    internal bool TryGetOrchestrator(string name, out Func<IServiceProvider, ITaskOrchestrator> factory) =>
        _orchestrators.TryGetValue(name, out factory!);

    internal bool TryGetActivity(string name, out Func<IServiceProvider, ITaskActivity> factory) =>
        _activities.TryGetValue(name, out factory!);

    private DurableTaskRegistry Add<T>(Dictionary<string, Func<IServiceProvider, T>> map, TaskName name, Func<IServiceProvider, T> factory, string kind)
    {
        if (string.IsNullOrWhiteSpace(name.Name))
        {
            throw new ArgumentException($"An {kind} needs a name.", nameof(name));
        }

        if (!map.TryAdd(name.Name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
