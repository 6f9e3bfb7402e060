using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Durable;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Answers;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Service;
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
    /// and a <see cref="BlobServiceClient"/> are already registered, and the <c>Negotiation</c> section (<see cref="NegotiationStorageOptions"/>). The host still
    /// chooses the durable backend (<c>AddDurableTaskWorker(b =&gt; b.UseInMemoryBackend())</c>) and registers the email
    /// services (<c>AddEmail</c>) and a <see cref="TimeProvider"/>.
    /// </remarks>
    public static IServiceCollection AddNegotiation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NegotiationStorageOptions>().Bind(configuration.GetSection(NegotiationStorageOptions.SectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NegotiationStorageOptions>>().Value);
        services.TryAddSingleton(_ => new TableServiceClient(configuration[StorageConnectionSetting] ?? "UseDevelopmentStorage=true"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new BlobServiceClient(configuration[StorageConnectionSetting] ?? "UseDevelopmentStorage=true"));
        services.TryAddSingleton<IAgreementStore, TableAgreementStore>();
        services.TryAddSingleton<IAgreementDocumentStore, BlobAgreementDocumentStore>();
        services.TryAddSingleton(sp => new AgreementDocuments(sp.GetRequiredService<IAgreementDocumentStore>()));
        services.TryAddSingleton(sp => new NegotiationService(
            sp.GetRequiredService<Durable.Client.DurableTaskClient>(),
            sp.GetRequiredService<IAgreementStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NegotiationService>>()));
        services.TryAddSingleton(sp => new GovernmentOfficeLinks(
            sp.GetRequiredService<AnswerTokenService>(),
            sp.GetRequiredService<IAgreementStore>(),
            sp.GetRequiredService<NegotiationService>()));
        services.TryAddSingleton<IAnswerSink, NegotiationAnswerSink>();
        services.TryAddSingleton<IConsultationLookup, NegotiationConsultationLookup>();
        services.TryAddSingleton<IDeliveryProblemSink, NegotiationDeliveryProblemSink>();
        services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry.AddNegotiationTasks()));
        return services;
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
