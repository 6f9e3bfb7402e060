using LaaWorkflow.Negotiation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LaaWorkflow.Functions.Durable;

/// <summary>
/// The negotiation's orchestrators as Durable Functions: each trigger runs the class the local host registers by the
/// same name (NegotiationServiceCollectionExtensions.OrchestratorNames), so sub-orchestration calls resolve on both.
/// </summary>
public static class OrchestratorFunctions
{
    [Function("AgreementOrchestrator")]
    public static Task<object?> AgreementAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        NegotiationTaskEntryPoints.RunAgreementAsync(context);

    [Function("PartnerConsultationOrchestrator")]
    public static Task<object?> PartnerConsultationAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        NegotiationTaskEntryPoints.RunPartnerConsultationAsync(context);
}
