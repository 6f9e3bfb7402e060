using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// One negotiation from draft to sign-off: opens consultation on the timetable, runs a partner sub-orchestration per
/// partner per round, sends the LSP lead digests and answer notices, waits for revisions and the Government Office
/// decision, and ends Finalised, DeadlineMissed (with its reasons) or Withdrawn, never silently.
/// </summary>
/// <remarks>
/// Each round waits for every consulted partner's outcome; a partner who never answers holds the round until the
/// sign-off deadline, which ends the negotiation as DeadlineMissed naming them. A revision is taken during a round
/// (it re-consults only the partners it concerns) and in the Revision phase; the service refuses it before
/// consultation opens and once the negotiation has ended.
/// </remarks>
internal sealed class AgreementOrchestrator : TaskOrchestrator<AgreementInput, AgreementOutcome>
{
    public override async Task<AgreementOutcome> RunAsync(TaskOrchestrationContext context, AgreementInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var withdrawCancel = new CancellationTokenSource();
        var negotiation = new AgreementNegotiation(
            context, input, context.WaitForExternalEvent<WithdrawEvent>(WithdrawEvent.Name, withdrawCancel.Token));
        try
        {
            return await negotiation.RunAsync();
        }
        finally
        {
            withdrawCancel.Cancel();
        }
    }
}
