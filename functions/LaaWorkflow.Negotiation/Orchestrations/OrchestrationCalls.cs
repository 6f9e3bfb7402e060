using LaaWorkflow.Negotiation.Activities;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>The activity calls the orchestrators make, with the one retry policy for outside effects.</summary>
internal static class OrchestrationCalls
{
    /// <summary>Email and storage hiccups are retried on durable timers; every effect is idempotent, so a retry is safe.</summary>
    private static readonly TaskOptions s_retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(15), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(10)));

    public static Task SendEmailAsync(this TaskOrchestrationContext context, Notification notification) =>
        context.CallActivityAsync<bool>(nameof(SendEmailActivity), notification, s_retry);

    public static Task UpdateReadModelAsync(this TaskOrchestrationContext context, ReadModelUpdate update) =>
        context.CallActivityAsync<bool>(nameof(UpdateReadModelActivity), update, s_retry);

    public static Task<Uri> StoreDocumentAsync(this TaskOrchestrationContext context, Documents.AgreementDocumentModel model) =>
        context.CallActivityAsync<Uri>(nameof(StoreAgreementDocumentActivity), model, s_retry);
}
