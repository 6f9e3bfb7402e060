using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Answers;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Service;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Negotiation;

/// <summary>Registers the negotiation workflow.</summary>
public static class NegotiationServiceCollectionExtensions
{
    /// <summary>The setting holding the storage connection string (the Functions convention).</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Registers <see cref="NegotiationService"/>, the orchestrators and activities (on the durable worker's registry),
    /// the read models in Table storage, the agreement document store, and the email project's
    /// <see cref="IAnswerSink"/>, <see cref="IConsultationLookup"/> and <see cref="IDeliveryProblemSink"/>.
    /// </summary>
    /// <remarks>
    /// Reads <c>AzureWebJobsStorage</c> (default <c>UseDevelopmentStorage=true</c>) unless a <see cref="TableServiceClient"/>
    /// and a <see cref="BlobServiceClient"/> are already registered, and the <c>Negotiation</c> section (<see cref="NegotiationStorageOptions"/>). The host runs
    /// the orchestrators and activities (<see cref="AddNegotiationTasks"/>) on its durable worker, registers a
    /// <see cref="DurableTaskClient"/>, the email services (<c>AddEmail</c>) and a <see cref="TimeProvider"/>.
    /// </remarks>
    public static IServiceCollection AddNegotiation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NegotiationStorageOptions>().Bind(configuration.GetSection(NegotiationStorageOptions.SectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NegotiationStorageOptions>>().Value);
        services.AddOptions<RehearsalOptions>().Bind(configuration.GetSection(RehearsalOptions.SectionName));
        services.TryAddSingleton(_ => new TableServiceClient(configuration[StorageConnectionSetting] ?? "UseDevelopmentStorage=true"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new BlobServiceClient(configuration[StorageConnectionSetting] ?? "UseDevelopmentStorage=true"));
        services.TryAddSingleton<IAgreementStore, TableAgreementStore>();
        services.TryAddSingleton<IAgreementDocumentStore, BlobAgreementDocumentStore>();
        services.TryAddSingleton(sp => new AgreementDocuments(sp.GetRequiredService<IAgreementDocumentStore>()));
        services.TryAddSingleton(sp => new NegotiationService(
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<IAgreementStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RehearsalOptions>>().Value,
            sp.GetRequiredService<ILogger<NegotiationService>>()));
        services.TryAddSingleton(sp => new GovernmentOfficeLinks(
            sp.GetRequiredService<AnswerTokenService>(),
            sp.GetRequiredService<IAgreementStore>(),
            sp.GetRequiredService<NegotiationService>()));
        services.TryAddSingleton<IAnswerSink, NegotiationAnswerSink>();
        services.TryAddSingleton<IConsultationLookup, NegotiationConsultationLookup>();
        services.TryAddSingleton<IDeliveryProblemSink, NegotiationDeliveryProblemSink>();
        return services;
    }

    /// <summary>The orchestrators <see cref="AddNegotiationTasks"/> registers, by name.</summary>
    public static IReadOnlyList<string> OrchestratorNames { get; } = [nameof(AgreementOrchestrator), nameof(PartnerConsultationOrchestrator)];

    /// <summary>The activities <see cref="AddNegotiationTasks"/> registers, by name.</summary>
    public static IReadOnlyList<string> ActivityNames { get; } =
        [nameof(SendEmailActivity), nameof(UpdateReadModelActivity), nameof(StoreAgreementDocumentActivity)];

    // Declared before DataConverter, which is built from it: static properties initialise in order.
    /// <summary>The JSON options of <see cref="DataConverter"/>, for a host whose engine takes a serializer instead (Azure Functions).</summary>
    public static System.Text.Json.JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>
    /// How the orchestrations' inputs, outputs, events and custom status are written: camelCase JSON with enums by
    /// name, so the management API and the dashboard read them as the HTTP API writes everything else.
    /// </summary>
    /// <remarks>Warning: changing these options changes the stored format of every running instance.</remarks>
    public static DataConverter DataConverter { get; } = new JsonDataConverter(JsonOptions);

    private static System.Text.Json.JsonSerializerOptions CreateJsonOptions()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }

    /// <summary>Registers the negotiation's orchestrators and activities on a durable task registry.</summary>
    public static DurableTaskRegistry AddNegotiationTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<AgreementOrchestrator>()
            .AddOrchestrator<PartnerConsultationOrchestrator>()
            .AddActivity<SendEmailActivity>()
            .AddActivity<UpdateReadModelActivity>()
            .AddActivity<StoreAgreementDocumentActivity>();
    }
}
