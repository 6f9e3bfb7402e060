using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.ReadModels;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Activities;

/// <summary>Renders the signed-off agreement and stores it; the blob is named after the negotiation, so a retry overwrites it with the same page.</summary>
internal sealed class StoreAgreementDocumentActivity(IAgreementDocumentStore documents) : TaskActivity<AgreementDocumentModel, Uri>
{
    public override Task<Uri> RunAsync(TaskActivityContext context, AgreementDocumentModel input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return documents.SaveAsync(input.NegotiationId, AgreementDocumentRenderer.Render(input), CancellationToken.None);
    }
}
