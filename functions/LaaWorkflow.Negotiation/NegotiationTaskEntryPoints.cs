using System.Text.Json;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Negotiation;

/// <summary>
/// The orchestrators and activities of <see cref="NegotiationServiceCollectionExtensions.AddNegotiationTasks"/>, for a
/// host whose triggers call them by name: the Functions app's <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c>
/// functions. The classes and their inputs stay internal; only these entry points are public.
/// </summary>
public static class NegotiationTaskEntryPoints
{
    /// <summary>Runs <see cref="AgreementOrchestrator"/> on the context it was triggered with.</summary>
    public static async Task<object?> RunAgreementAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await new AgreementOrchestrator().RunAsync(context, Input<AgreementInput>(context));
    }

    /// <summary>Runs <see cref="PartnerConsultationOrchestrator"/> on the context it was triggered with.</summary>
    public static async Task<object?> RunPartnerConsultationAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await new PartnerConsultationOrchestrator().RunAsync(context, Input<PartnerConsultationInput>(context));
    }

    /// <summary>Runs <see cref="SendEmailActivity"/> with services from <paramref name="services"/>.</summary>
    public static async Task<object?> SendEmailAsync(IServiceProvider services, string instanceId, JsonElement input) =>
        await Activity<SendEmailActivity>(services).RunAsync(Context(nameof(SendEmailActivity), instanceId), Read<Notification>(input));

    /// <summary>Runs <see cref="UpdateReadModelActivity"/> with services from <paramref name="services"/>.</summary>
    public static async Task<object?> UpdateReadModelAsync(IServiceProvider services, string instanceId, JsonElement input) =>
        await Activity<UpdateReadModelActivity>(services).RunAsync(Context(nameof(UpdateReadModelActivity), instanceId), Read<ReadModelUpdate>(input));

    /// <summary>Runs <see cref="StoreAgreementDocumentActivity"/> with services from <paramref name="services"/>.</summary>
    public static async Task<object?> StoreAgreementDocumentAsync(IServiceProvider services, string instanceId, JsonElement input) =>
        await Activity<StoreAgreementDocumentActivity>(services).RunAsync(
            Context(nameof(StoreAgreementDocumentActivity), instanceId), Read<AgreementDocumentModel>(input));

    // A context deserialises its input once, to the type its host registered: Durable Functions' context converts again
    // on request, a plain worker's registered with object hands back the JSON. Either way the orchestrator gets its type.
    private static T Input<T>(TaskOrchestrationContext context) where T : class => context.GetInput<object>() switch
    {
        T typed => typed,
        JsonElement json => Read<T>(json),
        null => throw new InvalidOperationException($"The orchestration {context.Name} of {context.InstanceId} was started without its {typeof(T).Name}."),
        var other => throw new InvalidOperationException($"The orchestration {context.Name} of {context.InstanceId} was given a {other.GetType().Name}, not its {typeof(T).Name}."),
    };

    private static T Activity<T>(IServiceProvider services) where T : class =>
        ActivatorUtilities.GetServiceOrCreateInstance<T>(services ?? throw new ArgumentNullException(nameof(services)));

    // The same options the orchestrations' data converter writes with, so an activity reads its input as it was sent.
    private static T Read<T>(JsonElement input) where T : class =>
        input.Deserialize<T>(NegotiationServiceCollectionExtensions.JsonOptions)
        ?? throw new ArgumentException($"The activity input is null; a {typeof(T).Name} was expected.", nameof(input));

    private static TaskActivityContext Context(string name, string instanceId) => new TriggeredActivityContext(name, instanceId);

    /// <summary>What an activity knows of its call when a trigger, not the Durable Task worker, runs it.</summary>
    private sealed class TriggeredActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
