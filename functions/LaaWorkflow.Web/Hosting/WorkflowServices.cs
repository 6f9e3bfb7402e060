using LaaWorkflow.Email;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Web.Hosting.Storage;

namespace LaaWorkflow.Web.Hosting;

/// <summary>
/// The workflow's services both hosts register: storage clients, email and the negotiation. The durable engine is the
/// host's own (the local task hub, or the Durable Functions extension), and so is the <c>DurableTaskClient</c>.
/// </summary>
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
        services.AddEmail(configuration);
        services.AddNegotiation(configuration);
        return services;
    }
}
