using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation.Answers;

/// <summary>What a partner's answer page shows: the agreement, the partner's targets, the deadline and whether it is still open.</summary>
internal sealed class NegotiationConsultationLookup(IAgreementStore store) : IConsultationLookup
{
    public async Task<ConsultationView?> GetAsync(string negotiationId, string partnerId, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsWellFormed(negotiationId))
        {
            return null;
        }

        var record = await store.GetAsync(negotiationId, cancellationToken);
        var partner = record?.Summary.Definition.FindPartner(partnerId);
        var state = record?.Partners.FirstOrDefault(p => p.State.PartnerId == partnerId)?.State;
        if (record is null || partner is null || state is null)
        {
            return null;
        }

        var definition = record.Summary.Definition;
        // A multi-area agreement's authority endorses the whole draft, not only what it leads.
        var led = partner.Body == Domain.MultiArea.AuthorityBody ? [] : record.Targets.Where(t => t.LeadPartners.Contains(partnerId)).ToList();
        var closed = NegotiationAnswerSink.ClosedReason(record.Summary, state, state.Round);
        return new ConsultationView(
            negotiationId,
            partnerId,
            definition.Area,
            definition.ResponsibleAuthority,
            partner.Name,
            SendEmailActivity.Lines(led.Count > 0 ? led : record.Targets),
            new DateTimeOffset(state.Deadline ?? definition.Timetable.ResponseDeadline, TimeSpan.Zero),
            Math.Max(state.Round, 1),
            closed is null,
            closed,
            definition.Period,
            new EmailAddress(partner.Contact.Email, partner.Contact.Name),
            new DateTimeOffset(definition.Timetable.SignOffDeadline, TimeSpan.Zero),
            definition.Pace is { } pace ? real => new DateTimeOffset(pace.ToBusiness(real.UtcDateTime), TimeSpan.Zero) : null,
            new EmailAddress(definition.LspLead.Email, definition.LspLead.Name))
        {
            IsMultiArea = definition.MultiArea is not null,
            Version = definition.Refresh is null ? null : Domain.Refresh.Label(definition),
        };
    }
}
