using System.Globalization;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>How a negotiation ends, and the bookkeeping every phase shares.</summary>
internal sealed partial class AgreementNegotiation
{
    private GovernmentOfficeDecisionEvent? _approval;

    private async Task<AgreementOutcome> FinaliseAsync()
    {
        var endorsements = _latest.Values
            .Where(o => o.Status == PartnerStatus.Endorsed)
            .Select(o => new Endorsement(o.PartnerId, o.AnsweredAt ?? Now, o.Round, o.Source ?? AnswerSource.System))
            .ToList();
        var document = await context.StoreDocumentAsync(new AgreementDocumentModel(
            Id, _header, _agreement.LspLead, _agreement.GovernmentOfficeNegotiator, _agreement.Partners, _targets, endorsements,
            _approval?.DecidedAt ?? Now, _approval?.Comment, _agreement.MultiArea, IsMultiArea ? [.. _officeApprovals] : null, RefreshDocument()));
        var outcome = new AgreementOutcome(NegotiationPhase.Finalised, Now, SignedOffSummary(), [], document);
        await EndAsync(outcome, "finalised");

        var notice = new Notification($"{Id}:final:lead", EmailKind.FinalAgreementNotice, Id, _header, _agreement.LspLead, AnswersDueBy: null)
        {
            Targets = _targets,
            Partners = PartnerLines(),
            DocumentUrl = document,
            FinalisedAt = Now,
        };
        await NotifyEveryoneAsync(notice, "final");
        return outcome;
    }

    /// <summary>What stands between the negotiation and sign-off, one line each: said of the past once it has ended.</summary>
    private List<string> Obstacles(bool past)
    {
        var (has, had) = past ? ("had", "had") : ("has", "has yet");
        var reasons = new List<string>();
        foreach (var partner in _agreement.Partners)
        {
            if (_outstanding.Contains(partner.Id)
                || (_latest.TryGetValue(partner.Id, out var o) && o.Status == PartnerStatus.NoResponse))
            {
                reasons.Add($"{partner.Name} {has} not answered in round {RoundOf(partner.Id)}.");
            }
            else if (_latest.TryGetValue(partner.Id, out var d) && d.Status is PartnerStatus.Objected or PartnerStatus.ChangesRequested)
            {
                reasons.Add($"{partner.Name} {Describe(d)}; still disputed, no revision {had} answered it.");
            }
        }

        if (_rejection is not null)
        {
            reasons.Add($"The Government Office asked for changes ({_rejection.Comment}); no revision {had} answered them.");
        }
        else if (_phase == NegotiationPhase.GovernmentOffice)
        {
            reasons.Add($"The Government Office {_agreement.GovernmentOffice} {has} not decided on the draft.");
        }

        return reasons;
    }

    private async Task<AgreementOutcome> DeadlineMissedAsync()
    {
        var reasons = Obstacles(past: true);
        var outcome = new AgreementOutcome(NegotiationPhase.DeadlineMissed, Now,
            $"The sign-off deadline ({Format(SignOff)}) passed before the agreement was approved.", reasons);
        await EndAsync(outcome, "deadline-missed");
        var notice = new Notification($"{Id}:deadline-missed:lead", EmailKind.DeadlineMissedNotice, Id, _header, _agreement.LspLead, AnswersDueBy: null)
        {
            Reasons = reasons,
            Partners = PartnerLines(),
        };
        await NotifyEveryoneAsync(notice, "deadline-missed");
        return outcome;
    }

    private async Task<AgreementOutcome> WithdrawnAsync(WithdrawEvent withdrawal)
    {
        _clock.Saw(withdrawal.At);
        var outcome = new AgreementOutcome(NegotiationPhase.Withdrawn, Now,
            "Withdrawn" + (withdrawal.By is null ? "" : " by " + withdrawal.By) + ": " + withdrawal.Reason, [withdrawal.Reason]);
        await EndAsync(outcome, "withdrawn", AnswerSource.Admin);
        return outcome;
    }

    private async Task EndAsync(AgreementOutcome outcome, string kind, AnswerSource source = AnswerSource.System)
    {
        _phase = outcome.Phase;
        _nextDeadline = null;
        _outstanding.Clear();
        PublishStatus();
        var text = outcome.Reasons.Count == 0 || outcome.Phase == NegotiationPhase.Withdrawn
            ? outcome.Summary
            : outcome.Summary + " " + string.Join(" ", outcome.Reasons);
        await context.UpdateReadModelAsync(new ReadModelUpdate(
            Id,
            new TimelineEntry(Now, kind, kind, source, text),
            new AgreementPatch(Phase: outcome.Phase, Round: _round, ClearNextDeadline: true, Endorsed: Endorsed(), Outcome: outcome, DocumentUrl: outcome.DocumentUrl)));
    }

    /// <summary>Tells the LSP lead, the Government Office negotiator and every partner, each under their own key.</summary>
    private async Task NotifyEveryoneAsync(Notification toLead, string what)
    {
        await SendEmailAsync(toLead);
        await SendEmailAsync(toLead with { Key = $"{Id}:{what}:go", To = _agreement.GovernmentOfficeNegotiator });
        foreach (var (region, negotiator) in Offices().Where(o => o.Region != _agreement.GovernmentOffice))
        {
            // The other offices of a multi-area agreement hear too; the lead authority's office kept the LAA key above.
            await SendEmailAsync(toLead with { Key = $"{Id}:{what}:go:{Domain.MultiArea.OfficeKey(region)}", To = negotiator, Header = HeaderFor(region) });
        }

        foreach (var partner in _agreement.Partners)
        {
            await SendEmailAsync(toLead with { Key = $"{Id}:{what}:{partner.Id}", To = partner.Contact, Partner = null });
        }
    }

    private async Task ChangePhaseAsync(NegotiationPhase phase, string key, string text, AnswerSource source)
    {
        _phase = phase;
        PublishStatus();
        await context.UpdateReadModelAsync(new ReadModelUpdate(
            Id,
            new TimelineEntry(Now, "phase:" + key, "phase", source, text),
            new AgreementPatch(Phase: phase, Round: _round, NextDeadline: _nextDeadline, ClearNextDeadline: _nextDeadline is null, Endorsed: Endorsed())));
    }

    private void PublishStatus() => context.SetCustomStatus(new AgreementStatus(
        _phase,
        _round,
        _agreement.Partners.Count,
        Endorsed(),
        _latest.Values.Count(o => o.Status == PartnerStatus.Objected),
        _latest.Values.Count(o => o.Status == PartnerStatus.ChangesRequested),
        [.. _outstanding],
        _nextDeadline));

    private List<string> Disputed() =>
        [.. _latest.Values.Where(o => o.Status is PartnerStatus.Objected or PartnerStatus.ChangesRequested).Select(o => o.PartnerId).Order(StringComparer.Ordinal)];

    private int RoundOf(string partnerId) => _roundOf.GetValueOrDefault(partnerId, _round);

    private int Endorsed() => _latest.Values.Count(o => o.Status == PartnerStatus.Endorsed);

    private string PartnerName(string partnerId) => _agreement.FindPartner(partnerId)?.Name ?? partnerId;

    private List<PartnerLine> PartnerLines() =>
    [
        .. _agreement.Partners.Select(p => _latest.TryGetValue(p.Id, out var o)
            ? new PartnerLine(p.Name, Status(o.Status), o.AnsweredAt is { } at ? "answered " + Format(at) : null, o.EscalationLevel)
            : new PartnerLine(p.Name, _outstanding.Contains(p.Id) ? "no answer yet" : IsRefresh ? "not concerned by the refresh" : "not consulted")),
    ];

    private static string Status(PartnerStatus status) => status switch
    {
        PartnerStatus.ChangesRequested => "changes requested",
        PartnerStatus.NoResponse => "no response",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Describe(PartnerOutcome outcome) => outcome.Status == PartnerStatus.Objected
        ? $"objected: {outcome.Comment}"
        : $"asked for changes: {outcome.Comment}";

    private static string Format(DateTime at) => at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
