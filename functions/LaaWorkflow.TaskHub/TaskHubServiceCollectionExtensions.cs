using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.TaskHub;

/// <summary>Runs a Durable Task worker and client in this process against the local task hub.</summary>
public static class TaskHubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local task hub (DurableTask.AzureStorage on <paramref name="storageConnectionString"/>, settings
    /// from host.json's <c>extensions.durableTask</c> overridden by the <c>DurableTask</c> section), a worker running <paramref name="tasks"/>, and a <see cref="DurableTaskClient"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="storageConnectionString">The storage account of the task hub.</param>
    /// <param name="tasks">The orchestrators and activities this worker runs.</param>
    /// <param name="converter">How inputs, outputs, events and custom status are serialized (default: the SDK's JSON).</param>
    public static IServiceCollection AddLocalTaskHub(
        this IServiceCollection services, IConfiguration configuration, string storageConnectionString, Action<DurableTaskRegistry> tasks, DataConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // host.json's extensions.durableTask first, as Durable Functions reads it in Azure; the DurableTask section on top.
        services.AddOptions<TaskHubOptions>().Configure(HostJsonSettings.Apply).Bind(configuration.GetSection(TaskHubOptions.Section));
        services.AddSingleton(sp => new LocalTaskHub(
            storageConnectionString, sp.GetRequiredService<IOptions<TaskHubOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        // Started before the worker's own hosted service, so the worker finds the sidecar listening.
        services.AddHostedService(sp => sp.GetRequiredService<LocalTaskHub>());
        services.AddSingleton<IOrchestrationHistory>(sp => new TaskHubHistory(sp.GetRequiredService<LocalTaskHub>()));

        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks);
            worker.UseGrpc();
        });
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<LocalTaskHub>((options, hub) => options.Channel = hub.Channel);
        // The gRPC worker reads its converter and concurrency from the general worker options, not from its gRPC ones.
        services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<LocalTaskHub>((options, hub) =>
        {
            options.Concurrency.MaximumConcurrentActivityWorkItems = hub.Options.MaxConcurrentActivityFunctions;
            options.Concurrency.MaximumConcurrentOrchestrationWorkItems = hub.Options.MaxConcurrentOrchestratorFunctions;
            if (converter is not null)
            {
                options.DataConverter = converter;
            }
        });

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.RegisterDirectly();
        });
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<LocalTaskHub>((options, hub) =>
        {
            options.Channel = hub.Channel;
            if (converter is not null)
            {
                options.DataConverter = converter;
            }
        });
        return services;
    }
}
