using LaaWorkflow.LocalHost.Management;
using LaaWorkflow.Negotiation;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.LocalHost.Hosting;

/// <summary>The durable engine of the local host: the task hub in this process, with its worker and client.</summary>
internal static class LocalTaskHubServices
{
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        // The task hub lives in the same account as the read models, as Durable Functions keeps it in AzureWebJobsStorage.
        var storage = StorageAccountConnection.ForApp(configuration);
        services.AddLocalTaskHub(
            configuration,
            storage.ConnectionString ?? throw new InvalidOperationException(
                "The local host runs its task hub on a storage connection string (AzureWebJobsStorage); an identity-based connection is for the Functions app in Azure."),
            registry => registry.AddNegotiationTasks(),
            NegotiationServiceCollectionExtensions.DataConverter);
        services.AddSingleton(new KnownOrchestrators(NegotiationServiceCollectionExtensions.OrchestratorNames));
        services.AddSingleton(sp => new TaskHubName(sp.GetRequiredService<IOptions<TaskHubOptions>>().Value.HubName));
        return services;
    }
}
