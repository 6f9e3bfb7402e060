using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>What the view and the list say of a multi-area agreement: its kind, themes, authorities and offices.</summary>
internal static class MultiAreaViews
{
    public static string Kind(Agreement definition) =>
        definition.MultiArea is null ? NegotiationValidator.LocalAreaKind : NegotiationValidator.MultiAreaKind;

    /// <summary>Each authority with its endorsement, read from its consultation's row (an authority is consulted under its id).</summary>
    public static IReadOnlyList<AuthorityView>? Authorities(Agreement definition, IReadOnlyList<PartnerRecord>? partners)
    {
        if (definition.MultiArea is not { } maa)
        {
            return null;
        }

        var states = (partners ?? []).ToDictionary(p => p.State.PartnerId, p => p.State, StringComparer.Ordinal);
        return
        [
            .. maa.Authorities.Select(a => new AuthorityView
            {
                Id = a.Id,
                Name = a.Name,
                GovernmentOffice = a.GovernmentOffice,
                Lead = a.Id == maa.LeadAuthority,
                Endorsement = states.GetValueOrDefault(a.Id)?.Status ?? PartnerStatus.Pending,
                AnsweredAt = states.GetValueOrDefault(a.Id)?.AnsweredAt,
            }),
        ];
    }

    /// <summary>Each office's decision on the newest submission, from the timeline entries the negotiation keys per office.</summary>
    public static IReadOnlyList<GovernmentOfficeView>? Offices(AgreementRecord record)
    {
        if (record.Summary.Definition.MultiArea is not { } maa)
        {
            return null;
        }

        var submission = GovernmentOfficeLinks.CurrentSubmission(record);
        var waiting = record.Summary.Phase == NegotiationPhase.GovernmentOffice;
        return
        [
            .. maa.Offices().Select(o => new GovernmentOfficeView
            {
                Office = o.Region,
                Decision = (submission > 0 ? NegotiationService.OfficeDecision(record, submission, o.Region) : null) ?? (waiting ? "waiting" : "none"),
            }),
        ];
    }
}
