using LaaWorkflow.Email;
using LaaWorkflow.Functions.Api.Management;
using LaaWorkflow.Functions.Hosting.Storage;
using LaaWorkflow.Negotiation;
using LaaWorkflow.TaskHub;

namespace LaaWorkflow.Functions.Hosting;

/// <summary>The workflow the host runs in its own process: the local task hub with its worker and client, email, negotiation.</summary>
internal static class WorkflowServices
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        // One account for everything: a connection string locally, the app's managed identity in Azure. Registered
        // before AddEmail/AddNegotiation, whose own connection-string fallbacks then stay unused.
        var storage = StorageAccountConnection.ForApp(configuration);
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddSingleton(storage.CreateBlobServiceClient());
        services.AddSingleton(storage.CreateQueueServiceClient());

        // The task hub lives in the same account as the read models, as Durable Functions keeps it in AzureWebJobsStorage.
        services.AddLocalTaskHub(
            configuration,
            storage.ConnectionString ?? throw new InvalidOperationException(
                "The local host runs its task hub on a storage connection string (AzureWebJobsStorage); an identity-based connection is for the Functions app in Azure."),
            registry => registry.AddNegotiationTasks(),
            NegotiationServiceCollectionExtensions.DataConverter);
        services.AddSingleton(new KnownOrchestrators(NegotiationServiceCollectionExtensions.OrchestratorNames));
        services.AddEmail(configuration);
        services.AddNegotiation(configuration);
        return services;
    }
}
