using LaaWorkflow.Durable;
using LaaWorkflow.Durable.AzureStorage;
using LaaWorkflow.Durable.Time;
using LaaWorkflow.Email;
using LaaWorkflow.Functions.Hosting.Storage;
using LaaWorkflow.Negotiation;

namespace LaaWorkflow.Functions.Hosting;

/// <summary>The workflow the host runs in its own process: clock, durable worker and client, email, negotiation.</summary>
internal static class WorkflowServices
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClockOptions>().Bind(configuration.GetSection(ClockOptions.Section));
        var clock = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        if (clock.IsVirtual)
        {
            // Registered before the worker so every timer, token expiry and timestamp follows it.
            services.AddSingleton(new VirtualClock(clock.Start));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>());
            services.AddHostedService<VirtualClockRunner>();
        }

        // One account for everything: a connection string locally, the app's managed identity in Azure. Registered
        // before AddEmail/AddNegotiation, whose own connection-string fallbacks then stay unused.
        var storage = StorageAccountConnection.ForApp(configuration);
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddSingleton(storage.CreateBlobServiceClient());
        services.AddSingleton(storage.CreateQueueServiceClient());

        var durable = configuration.GetSection(DurableHostOptions.Section).Get<DurableHostOptions>() ?? new DurableHostOptions();
        services.AddDurableTaskWorker(worker =>
        {
            switch (durable.Backend)
            {
                case var name when string.Equals(name, "InMemory", StringComparison.OrdinalIgnoreCase):
                    worker.UseInMemoryBackend();
                    break;
                case var name when string.Equals(name, "AzureStorage", StringComparison.OrdinalIgnoreCase):
                    // The task hub lives in the same account as the read models (Functions' AzureWebJobsStorage).
                    worker.UseAzureStorageBackend(o =>
                    {
                        o.Clients = storage.CreateDurableClients();
                        o.TaskHubName = durable.HubName;
                        o.PartitionCount = durable.PartitionCount;
                        o.WorkerId = string.IsNullOrWhiteSpace(durable.WorkerId) ? o.WorkerId : durable.WorkerId;
                        o.LeasePeriod = durable.LeasePeriod ?? o.LeasePeriod;
                        o.MessageVisibilityTimeout = durable.MessageVisibilityTimeout ?? o.MessageVisibilityTimeout;
                    });
                    break;
                default:
                    throw new InvalidOperationException(
                        $"DurableTask:Backend is '{durable.Backend}'; use 'InMemory' (tests, demos) or 'AzureStorage'.");
            }
        });
        services.AddDurableTaskClient();
        services.AddEmail(configuration);
        services.AddNegotiation(configuration);
        return services;
    }
}
