using Azure.Core.Serialization;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Maintenance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Hosting;

/// <summary>What the Functions app registers: the services the local host registers too, less its own durable engine.</summary>
internal static class FunctionsAppServices
{
    /// <summary>The app setting host.json's <c>extensions.durableTask.hubName</c> reads (<c>%TaskHubName%</c>).</summary>
    public const string TaskHubNameSetting = "TaskHubName";

    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // Durable Functions builds its data converter from the worker's serializer: these are the options the local
        // task hub's converter writes with, so instances, events and custom status read the same on both hosts.
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(NegotiationServiceCollectionExtensions.JsonOptions));
        services.AddFunctionHost(configuration);
        services.AddWorkflow(configuration);
        services.AddMaintenance();
        services.AddSingleton<Http.HttpPipelines>();
        services.AddSingleton<BoundDurableTaskClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<BoundDurableTaskClient>());
        services.AddSingleton(new TaskHubName(configuration[TaskHubNameSetting] is { Length: > 0 } hub ? hub : "LaaWorkflow"));
        return services;
    }
}
