using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract partial class NegotiationScenarios
{
    private static RevisionRequest Revised(string indicator) => new()
    {
        Targets = [.. Requests.Targets().Select(t => t.Indicator == indicator ? Requests.Target(t.Indicator!, t.LeadPartners![0]!, t.Kind!, baseline: 7.5m) : t)],
    };

    [Fact]
    public async Task ChangeRequestThenRevision_OnlyAffectedPartnersConsultedAgain_OthersKeepTheirEndorsements()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));
        await world.AnswerAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "jcp", AnswerDecision.RequestChanges, "NI 39 should start from the 2007 baseline.");
        Assert.Equal(NegotiationPhase.Revision, (await world.GetAsync(id)).Phase);
        Assert.Contains("2007 baseline", Assert.Single(world.Emails.Of(EmailKind.LeadAnswerNotice)).Message.Text, StringComparison.Ordinal);

        var revisedAt = s_opens.AddDays(4);
        await world.AdvanceToAsync(revisedAt);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ReviseAsync(id, Revised("NI 39"))).Status);
        await world.SettleAsync();

        var reinvited = world.Emails.Of(EmailKind.PartnerInvitation).Where(e => e.At == revisedAt).Select(e => e.To).Order();
        Assert.Equal(["jcp@partners.example", "pct@partners.example"], reinvited);
        var round2 = await world.GetAsync(id);
        Assert.Equal((NegotiationPhase.Consultation, 2), (round2.Phase, round2.Round));
        Assert.Equal((PartnerStatus.Endorsed, 1), round2.Partners.Single(p => p.Id == "police") is var p ? (p.Status, p.Round) : default);
        Assert.All(round2.Partners.Where(p => p.Id != "police"), p => Assert.Equal((PartnerStatus.Invited, 2), (p.Status, p.Round)));
        Assert.Equal(7.5m, round2.Targets.Single(t => t.Indicator == "NI 39").Baseline);
        Assert.Contains(round2.Timeline, t => t.Kind == "revised" && t.Source == DomainSource.LspLead && t.Text.Contains("NI 39", StringComparison.Ordinal));

        // A link from the first round no longer answers: the revision replaced it.
        var stale = await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse, round: 1);
        Assert.Equal(AnswerSinkStatus.Closed, stale.Status);
        Assert.Contains("replaced", stale.Reason, StringComparison.Ordinal);

        await world.AnswerAsync(id, "pct", AnswerDecision.Endorse, round: 2);
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse, round: 2);
        Assert.Single(world.Emails.Of(EmailKind.GovernmentOfficeSubmission));
        await world.Service.GovernmentOfficeDecisionAsync(id, true, null);
        await world.Host.WaitForCompletionAsync(id);

        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        Assert.Equal(s_opens.AddDays(1), final.Partners.Single(p => p.Id == "police").AnsweredAt);
        Assert.Single(world.Emails.Of(EmailKind.PartnerInvitation), e => e.To == "police@partners.example");
        Assert.Contains("7.5", await world.ReadDocumentAsync(final.DocumentUrl!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GovernmentOfficeRejects_RevisionThenApproval_Finalised()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            await world.AnswerAsync(id, partner, AnswerDecision.Endorse);
        }

        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.GovernmentOfficeDecisionAsync(id, false, " ")).Status);
        var rejectedAt = s_opens.AddDays(8);
        await world.AdvanceToAsync(rejectedAt);
        await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.");
        await world.SettleAsync();

        var told = Assert.Single(world.Emails.Of(EmailKind.LeadAnswerNotice));
        Assert.Equal((Requests.LeadEmail, rejectedAt), (told.To, told.At));
        Assert.Contains("more ambitious", told.Message.Text, StringComparison.Ordinal);
        var waiting = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Revision, waiting.Phase);
        var early = await world.Service.GovernmentOfficeDecisionAsync(id, true, null);
        Assert.Equal(NegotiationResultStatus.NotAllowed, early.Status);
        Assert.Contains("'revision'", early.Message, StringComparison.Ordinal);

        await world.AdvanceToAsync(rejectedAt.AddDays(3));
        await world.Service.ReviseAsync(id, Revised("NI 152"));
        await world.SettleAsync();
        Assert.Equal(["jcp@partners.example"], world.Emails.Of(EmailKind.PartnerInvitation).Where(e => e.At == rejectedAt.AddDays(3)).Select(e => e.To));
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse, round: 2);

        var submissions = world.Emails.Of(EmailKind.GovernmentOfficeSubmission);
        Assert.Equal([s_opens.AddDays(1), rejectedAt.AddDays(3)], submissions.Select(e => e.At));
        await world.Service.GovernmentOfficeDecisionAsync(id, true, "Now agreed.");
        await world.Host.WaitForCompletionAsync(id);

        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        Assert.Equal(["rejected", "approved"], final.Timeline.Where(t => t.Source == DomainSource.GovernmentOffice).Select(t => t.Kind));
        Assert.Equal(5, world.Emails.Of(EmailKind.FinalAgreementNotice).Count);
    }

    [Fact]
    public async Task GovernmentOfficeRejectionSentTwice_TheRepeatDoesNotDecideTheResubmission()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            await world.AnswerAsync(id, partner, AnswerDecision.Endorse);
        }

        // A double click: both arrive while the draft still waits, so both are accepted.
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.")).Status);
        await world.SettleAsync();
        Assert.Equal(NegotiationPhase.Revision, (await world.GetAsync(id)).Phase);

        // Resubmitted unchanged: nobody is consulted again and the draft goes back at once as submission 2, which the
        // repeated rejection of submission 1 must not decide.
        await world.Service.ReviseAsync(id, new RevisionRequest { Targets = Requests.Targets() });
        await world.SettleAsync();
        Assert.Equal(2, world.Emails.Of(EmailKind.GovernmentOfficeSubmission).Count);
        Assert.Equal(NegotiationPhase.GovernmentOffice, (await world.GetAsync(id)).Phase);

        await world.Service.GovernmentOfficeDecisionAsync(id, true, "Agreed.");
        await world.Host.WaitForCompletionAsync(id);
        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        Assert.Equal(["rejected", "approved"], final.Timeline.Where(t => t.Source == DomainSource.GovernmentOffice).Select(t => t.Kind));
    }

    [Fact]
    public async Task SignOffDeadlineFallsDuringRevision_DeadlineMissedWithTheReasons()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));
        await world.AnswerAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "pct", AnswerDecision.RequestChanges, "NI 39 needs the alcohol strategy's figures.");
        Assert.Equal(NegotiationPhase.Revision, (await world.GetAsync(id)).Phase);

        await world.AdvanceToAsync(s_signOff);
        await world.Host.WaitForCompletionAsync(id);

        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        var reason = Assert.Single(view.Outcome!.Reasons);
        Assert.Contains("Partner pct asked for changes: NI 39 needs the alcohol strategy's figures.", reason, StringComparison.Ordinal);
        Assert.Contains("still disputed", reason, StringComparison.Ordinal);
        var notices = world.Emails.Of(EmailKind.DeadlineMissedNotice);
        Assert.Equal(
            [Requests.GoEmail, "jcp@partners.example", Requests.LeadEmail, "pct@partners.example", "police@partners.example"],
            notices.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.All(notices, e => Assert.Equal(s_signOff, e.At));
        Assert.Contains(view.Timeline, t => t.Kind == "deadline-missed" && t.Text.Contains("alcohol strategy", StringComparison.Ordinal));

        var late = await world.Service.ReviseAsync(id, Revised("NI 39"));
        Assert.Equal(NegotiationResultStatus.NotAllowed, late.Status);
        Assert.Contains("has ended", late.Message, StringComparison.Ordinal);
    }
}
