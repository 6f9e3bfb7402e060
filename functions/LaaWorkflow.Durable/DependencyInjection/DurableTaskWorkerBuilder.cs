using LaaWorkflow.Durable.Backend;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Durable;

/// <summary>Configures the durable worker: its tasks, its backend and its options.</summary>
public sealed class DurableTaskWorkerBuilder
{
    internal DurableTaskWorkerBuilder(IServiceCollection services, DurableTaskRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection, for backend extensions.</summary>
    public IServiceCollection Services { get; }

    internal DurableTaskRegistry Registry { get; }

    /// <summary>Registers orchestrators and activities.</summary>
    public DurableTaskWorkerBuilder AddTasks(Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Registry);
        return this;
    }

    /// <summary>Changes worker options.</summary>
    public DurableTaskWorkerBuilder Configure(Action<DurableTaskWorkerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Chooses the backend (the last call wins). Backend packages wrap this in their own <c>UseXxx</c> extension.</summary>
    public DurableTaskWorkerBuilder UseBackend(Func<IServiceProvider, IDurableBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(factory);
        return this;
    }
}
