using LaaWorkflow.Negotiation.ReadModels;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Activities;

/// <summary>Applies one read-model update; the store makes a repeated update a no-op.</summary>
internal sealed class UpdateReadModelActivity(IAgreementStore store) : TaskActivity<ReadModelUpdate, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReadModelUpdate input)
    {
        await store.ApplyAsync(input, CancellationToken.None);
        return true;
    }
}
