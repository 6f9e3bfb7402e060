using System.Globalization;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Service;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using DomainDecision = LaaWorkflow.Negotiation.Domain.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;
using EmailDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using EmailSource = LaaWorkflow.Email.Answers.AnswerSource;

namespace LaaWorkflow.Negotiation.Answers;

/// <summary>
/// Hands a partner's answer (from an email link or reply) to the partner's consultation for that round. Idempotent:
/// the same answer again is accepted without being applied twice; a different answer after the first, an answer for a
/// superseded round, or any answer once the negotiation has ended is refused with the reason.
/// </summary>
internal sealed class NegotiationAnswerSink(IAgreementStore store, DurableTaskClient client, ILogger<NegotiationAnswerSink> logger) : IAnswerSink
{
    public async Task<AnswerSinkResult> SubmitAsync(AnswerSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!InstanceIds.IsWellFormed(submission.NegotiationId))
        {
            return AnswerSinkResult.NotFound;
        }

        var summary = await store.GetSummaryAsync(submission.NegotiationId, cancellationToken);
        var partner = summary is null ? null : await store.GetPartnerAsync(submission.NegotiationId, submission.PartnerId, cancellationToken);
        if (summary is null || partner is null)
        {
            return AnswerSinkResult.NotFound;
        }

        var decision = ToDomain(submission.Decision);
        var state = partner.State;
        var answered = state.Status is PartnerStatus.Endorsed or PartnerStatus.Objected or PartnerStatus.ChangesRequested;
        if (answered && state.Round == submission.Round && state.Status == decision.ToStatus())
        {
            // The same answer delivered again (a repeated POST, a retried hand-over) changes nothing.
            return AnswerSinkResult.Accepted;
        }

        var reason = ClosedReason(summary, state, submission.Round);
        if (reason is not null)
        {
            return Refuse(submission, reason);
        }

        // The read model can show a partner invited before the engine has stored the consultation that invited them:
        // DurableTask.AzureStorage sends an episode's messages (the activity that records the invitation among them)
        // before it checkpoints the episode, and a host that dies in between replays it from an older checkpoint. An
        // event raised to an instance that is not stored, or has already ended, is dropped; the partner tries again.
        var target = InstanceIds.Partner(submission.NegotiationId, submission.PartnerId, submission.Round);
        OrchestrationMetadata? instance;
        try
        {
            instance = await client.GetInstanceAsync(target, getInputsAndOutputs: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The task hub could not describe the instance (a half-stored one cannot be read): unknown, so not yet.
            Logs.AnswerNotYet(logger, submission.NegotiationId, submission.PartnerId, submission.Round, "unreadable: " + ex.Message);
            return AnswerSinkResult.NotYet;
        }

        if (instance?.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            Logs.AnswerNotYet(logger, submission.NegotiationId, submission.PartnerId, submission.Round, instance?.RuntimeStatus.ToString() ?? "not stored");
            return AnswerSinkResult.NotYet;
        }

        await client.RaiseEventAsync(
            target,
            PartnerAnswerEvent.Name,
            new PartnerAnswerEvent(decision, submission.Comment?.Trim(), ToDomain(submission.Source), summary.Definition.Pace.BusinessAt(submission.ReceivedAt.UtcDateTime)),
            cancellationToken);
        Logs.AnswerRaised(logger, submission.NegotiationId, submission.PartnerId, submission.Round);
        return AnswerSinkResult.Accepted;
    }

    /// <summary>Why a partner cannot answer for <paramref name="round"/> now, or null when they can.</summary>
    internal static string? ClosedReason(AgreementSummaryRecord summary, PartnerState state, int round)
    {
        if (summary.Phase.IsTerminal())
        {
            return summary.Phase switch
            {
                NegotiationPhase.Finalised => $"The agreement was finalised on {Date(summary.Outcome?.At)}; answers are no longer accepted.",
                NegotiationPhase.DeadlineMissed => $"The negotiation ended on {Date(summary.Outcome?.At)} when the sign-off deadline passed; answers are no longer accepted.",
                _ => "The negotiation was withdrawn; answers are no longer accepted.",
            };
        }

        if (round < state.Round)
        {
            return $"This link is for consultation round {round}, which a revision has replaced; please answer the invitation for round {state.Round}.";
        }

        if (round == state.Round && state.Status is PartnerStatus.Endorsed or PartnerStatus.Objected or PartnerStatus.ChangesRequested)
        {
            return $"{Describe(state.Status)} was already recorded on {Date(state.AnsweredAt)}; a different answer cannot replace it.";
        }

        if (round > state.Round || !NegotiationService.IsOutstanding(state) || summary.Phase != NegotiationPhase.Consultation)
        {
            return $"The consultation is not open for this partner (the negotiation is in phase '{Views.Camel(summary.Phase.ToString())}').";
        }

        return null;
    }

    private AnswerSinkResult Refuse(AnswerSubmission submission, string reason)
    {
        Logs.AnswerRefused(logger, submission.NegotiationId, submission.PartnerId, submission.Round, reason);
        return AnswerSinkResult.Closed(reason);
    }

    private static string Describe(PartnerStatus status) => status switch
    {
        PartnerStatus.Endorsed => "An endorsement",
        PartnerStatus.Objected => "An objection",
        _ => "A change request",
    };

    private static string Date(DateTime? at) => at?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "an earlier date";

    internal static DomainDecision ToDomain(EmailDecision decision) => decision switch
    {
        EmailDecision.Endorse => DomainDecision.Endorse,
        EmailDecision.Object => DomainDecision.Object,
        _ => DomainDecision.RequestChanges,
    };

    private static DomainSource ToDomain(EmailSource source) => source switch
    {
        EmailSource.EmailReply => DomainSource.EmailReply,
        EmailSource.AdminOnBehalf => DomainSource.AdminOnBehalf,
        _ => DomainSource.EmailLink,
    };
}
