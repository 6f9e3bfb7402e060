using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using AnswerSource = LaaWorkflow.Email.Answers.AnswerSource;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// Plays every partner and Government Office negotiator of some negotiations at once: each partner endorses as soon
/// as the read model shows them invited (through the answer sink a link click reaches), and the Government Office
/// approves as soon as a draft reaches it, until every negotiation has ended.
/// </summary>
internal static class RoundDriver
{
    public static async Task DriveAsync(NegotiationService service, IAnswerSink answers, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var approved = new HashSet<string>(StringComparer.Ordinal);
        var open = new List<string>(ids);
        while (open.Count > 0)
        {
            foreach (var id in open.ToList())
            {
                var view = await service.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"{id} has no read model.");
                if (view.Phase.IsTerminal())
                {
                    open.Remove(id);
                    continue;
                }

                foreach (var partner in view.Partners.Where(p => p.Status is PartnerStatus.Invited or PartnerStatus.Reminded or PartnerStatus.Escalated && !answered.Contains($"{id}/{p.Id}/{p.Round}")))
                {
                    var result = await answers.SubmitAsync(
                        new AnswerSubmission(id, partner.Id, partner.Round, AnswerDecision.Endorse, null, AnswerSource.EmailLink, DateTimeOffset.UtcNow), cancellationToken);
                    if (result.Status == AnswerSinkStatus.Accepted)
                    {
                        answered.Add($"{id}/{partner.Id}/{partner.Round}");
                    }
                }

                if (view.Phase == NegotiationPhase.GovernmentOffice && !approved.Contains($"{id}/{view.Round}")
                    && (await service.GovernmentOfficeDecisionAsync(id, true, "Approved.", cancellationToken)).Status == NegotiationResultStatus.Accepted)
                {
                    approved.Add($"{id}/{view.Round}");
                }
            }

            // Reads the read models as an inbox is read; the only idle time of the drive.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
