using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.Engine;
using LaaWorkflow.Durable.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Durable;

/// <summary>Registers the durable worker and client.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable worker (a hosted service) with its tasks and backend:
    /// <c>services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddOrchestrator&lt;T&gt;().AddActivity&lt;A&gt;()).UseInMemoryBackend())</c>.
    /// </summary>
    /// <remarks>Every timer goes through the registered <see cref="TimeProvider"/> (the system clock unless one is registered, e.g. a <see cref="Time.VirtualClock"/>).</remarks>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, Action<DurableTaskWorkerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(DurableTaskRegistry))?.ImplementationInstance as DurableTaskRegistry;
        if (registry is null)
        {
            registry = new DurableTaskRegistry();
            services.AddSingleton(registry);
        }

        services.AddOptions<DurableTaskWorkerOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrchestrationProcessor>();
        services.TryAddSingleton<ActivityProcessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskWorker>());
        configure(new DurableTaskWorkerBuilder(services, registry));
        return services;
    }

    /// <summary>Adds <see cref="DurableTaskClient"/>, talking to the backend chosen with the worker (or by a backend extension).</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableTaskClient, BackendDurableTaskClient>();
        return services;
    }

    /// <summary>Uses the in-memory backend: fast, process-local, lost on exit. For tests, demos and local runs.</summary>
    public static DurableTaskWorkerBuilder UseInMemoryBackend(this DurableTaskWorkerBuilder builder, Action<InMemoryBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new InMemoryBackendOptions();
        configure?.Invoke(options);
        builder.Services.TryAddSingleton(sp => new InMemoryBackend(sp.GetRequiredService<TimeProvider>(), options));
        return builder.UseBackend(sp => sp.GetRequiredService<InMemoryBackend>());
    }
}
