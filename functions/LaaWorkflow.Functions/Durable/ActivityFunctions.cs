using System.Text.Json;
using LaaWorkflow.Negotiation;
using Microsoft.Azure.Functions.Worker;

namespace LaaWorkflow.Functions.Durable;

/// <summary>
/// The negotiation's activities as Durable Functions. The input arrives as JSON and is read with the orchestrations'
/// own options; the activity classes take their services from the invocation's container.
/// </summary>
public static class ActivityFunctions
{
    [Function("SendEmailActivity")]
    public static Task<object?> SendEmailAsync([ActivityTrigger] JsonElement input, FunctionContext context) =>
        NegotiationTaskEntryPoints.SendEmailAsync(Services(context), InstanceId(context), input);

    [Function("UpdateReadModelActivity")]
    public static Task<object?> UpdateReadModelAsync([ActivityTrigger] JsonElement input, FunctionContext context) =>
        NegotiationTaskEntryPoints.UpdateReadModelAsync(Services(context), InstanceId(context), input);

    [Function("StoreAgreementDocumentActivity")]
    public static Task<object?> StoreAgreementDocumentAsync([ActivityTrigger] JsonElement input, FunctionContext context) =>
        NegotiationTaskEntryPoints.StoreAgreementDocumentAsync(Services(context), InstanceId(context), input);

    private static IServiceProvider Services(FunctionContext context) => (context ?? throw new ArgumentNullException(nameof(context))).InstanceServices;

    // Durable Functions puts the calling orchestration's id in an activity's binding data.
    private static string InstanceId(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString() ?? "" : "";
}
