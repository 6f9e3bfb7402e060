using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class RevisionScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    private static RevisionRequest Revised(string indicator) => new()
    {
        Targets = [.. Requests.Targets().Select(t => t.Indicator == indicator ? Requests.Target(t.Indicator!, t.LeadPartners![0]!, t.Kind!, baseline: 7.5m) : t)],
    };

    private static async Task EveryoneEndorsesAsync(NegotiationScenario world, string id)
    {
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            await world.AnswerAndWaitAsync(id, partner, AnswerDecision.Endorse);
        }

        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
    }

    [Fact]
    public async Task RevisionWhileOthersAreStillConsulted_OnlyThePartnerWhoAskedIsAskedAgain_TheRoundCompletes()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.RequestChanges, "NI 39 should start from the 2007 baseline.");
        Assert.Single(await world.WaitForEmailsAsync(EmailKind.LeadAnswerNotice, 1));

        // police and pct have not answered yet; the lead answers the request at once rather than wait for them.
        var revisedAt = s_opens.AddHours(12);
        await world.WaitUntilAsync(revisedAt);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ReviseAsync(id, Revised("NI 39"))).Status);

        // NI 39 is led by pct, so pct and jcp (who asked) are asked again in round 2; police's round 1 goes on.
        var reinvited = (await world.WaitForEmailsAsync(EmailKind.PartnerInvitation, 5)).Skip(3).ToList();
        Assert.Equal(["jcp@partners.example", "pct@partners.example"], reinvited.Select(e => e.To).Order());
        Assert.All(reinvited, e => world.AssertAround(revisedAt, e.At, "second invitation"));
        var during = await world.WaitForViewAsync(
            id, v => v.Partners.Where(p => p.Id != "police").All(p => p.Round == 2 && p.Status == PartnerStatus.Invited), "pct and jcp in round 2");
        Assert.Equal(NegotiationPhase.Consultation, during.Phase);
        // police's first reminder falls due a business day after opening; on a slow machine it may already have gone.
        var police = during.Partners.Single(p => p.Id == "police");
        Assert.Equal(1, police.Round);
        Assert.Contains(police.Status, new[] { PartnerStatus.Invited, PartnerStatus.Reminded });
        Assert.Equal(7.5m, during.Targets.Single(t => t.Indicator == "NI 39").Baseline);
        var revised = Assert.Single(during.Timeline, t => t.Kind == "revised");
        Assert.Contains("during consultation; consulting again in round 2", revised.Text, StringComparison.Ordinal);
        Assert.Contains("Partner jcp, Partner pct", revised.Text, StringComparison.Ordinal);

        // pct's round-1 link answered the superseded draft: refused, naming the new round.
        var stale = await world.AnswerAsync(id, "pct", AnswerDecision.Endorse, round: 1);
        Assert.Equal(AnswerSinkStatus.Closed, stale.Status);
        Assert.Contains("round 2", stale.Reason, StringComparison.Ordinal);

        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse, round: 1);
        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse, round: 2);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse, round: 2);
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
        Assert.Single(await world.WaitForEmailsAsync(EmailKind.GovernmentOfficeSubmission, 1));
        Assert.Equal(5, world.Emails.Of(EmailKind.PartnerInvitation).Count);
        Assert.Single(world.Emails.Of(EmailKind.PartnerInvitation), e => e.To == "police@partners.example");
    }

    [Fact]
    public async Task ChangeRequestThenRevision_OnlyAffectedPartnersConsultedAgain_OthersKeepTheirEndorsements()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        var answeredAt = s_opens.AddHours(3);
        await world.WaitUntilAsync(answeredAt);
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.RequestChanges, "NI 39 should start from the 2007 baseline.");
        await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);
        var notice = Assert.Single(await world.WaitForEmailsAsync(EmailKind.LeadAnswerNotice, 1));
        Assert.Contains("2007 baseline", notice.Message.Text, StringComparison.Ordinal);

        var revisedAt = s_opens.AddHours(12);
        await world.WaitUntilAsync(revisedAt);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ReviseAsync(id, Revised("NI 39"))).Status);

        var reinvited = (await world.WaitForEmailsAsync(EmailKind.PartnerInvitation, 5)).Skip(3).ToList();
        Assert.Equal(["jcp@partners.example", "pct@partners.example"], reinvited.Select(e => e.To).Order());
        Assert.All(reinvited, e => world.AssertAround(revisedAt, e.At, "second invitation"));
        var round2 = await world.WaitForViewAsync(
            id,
            v => v.Round == 2 && v.Partners.Where(p => p.Id != "police").All(p => p.Round == 2 && p.Status == PartnerStatus.Invited),
            "round 2 with pct and jcp invited");
        Assert.Equal(NegotiationPhase.Consultation, round2.Phase);
        Assert.Equal((PartnerStatus.Endorsed, 1), round2.Partners.Single(p => p.Id == "police") is var p ? (p.Status, p.Round) : default);
        Assert.Equal(7.5m, round2.Targets.Single(t => t.Indicator == "NI 39").Baseline);
        Assert.Contains(round2.Timeline, t => t.Kind == "revised" && t.Source == DomainSource.LspLead && t.Text.Contains("NI 39", StringComparison.Ordinal));

        // A link from the first round no longer answers: the revision replaced it.
        var stale = await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse, round: 1);
        Assert.Equal(AnswerSinkStatus.Closed, stale.Status);
        Assert.Contains("replaced", stale.Reason, StringComparison.Ordinal);

        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse, round: 2);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse, round: 2);
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
        Assert.Single(await world.WaitForEmailsAsync(EmailKind.GovernmentOfficeSubmission, 1));
        await world.Service.GovernmentOfficeDecisionAsync(id, true, null);
        await world.WaitForCompletionAsync(id);

        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        world.AssertAround(answeredAt, final.Partners.Single(p => p.Id == "police").AnsweredAt, "police's round-1 endorsement");
        Assert.Single(world.Emails.Of(EmailKind.PartnerInvitation), e => e.To == "police@partners.example");
        Assert.Contains("7.5", await world.ReadDocumentAsync(final.DocumentUrl!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GovernmentOfficeRejects_RevisionThenApproval_Finalised()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        var endorsedAt = s_opens.AddHours(3);
        await world.WaitUntilAsync(endorsedAt);
        await EveryoneEndorsesAsync(world, id);

        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.GovernmentOfficeDecisionAsync(id, false, " ")).Status);
        var rejectedAt = s_opens.AddHours(12);
        await world.WaitUntilAsync(rejectedAt);
        await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.");

        var told = Assert.Single(await world.WaitForEmailsAsync(EmailKind.LeadAnswerNotice, 1));
        Assert.Equal(Requests.LeadEmail, told.To);
        world.AssertAround(rejectedAt, told.At, "the lead's notice");
        Assert.Contains("more ambitious", told.Message.Text, StringComparison.Ordinal);
        await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);
        var early = await world.Service.GovernmentOfficeDecisionAsync(id, true, null);
        Assert.Equal(NegotiationResultStatus.NotAllowed, early.Status);
        Assert.Contains("'revision'", early.Message, StringComparison.Ordinal);

        var revisedAt = rejectedAt.AddDays(1);
        await world.WaitUntilAsync(revisedAt);
        await world.Service.ReviseAsync(id, Revised("NI 152"));
        var reinvited = (await world.WaitForEmailsAsync(EmailKind.PartnerInvitation, 4)).Skip(3).ToList();
        Assert.Equal(["jcp@partners.example"], reinvited.Select(e => e.To));
        world.AssertAround(revisedAt, reinvited[0].At, "jcp's second invitation");
        // The invitation is recorded just after it is sent; the answer sink reads that record.
        await world.WaitForViewAsync(id, v => v.Partners.Single(p => p.Id == "jcp") is { Round: 2, Status: PartnerStatus.Invited }, "jcp invited to round 2");
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse, round: 2);

        var submissions = await world.WaitForEmailsAsync(EmailKind.GovernmentOfficeSubmission, 2);
        world.AssertAround([endorsedAt, revisedAt], submissions.Select(e => e.At), "submissions");
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
        await world.Service.GovernmentOfficeDecisionAsync(id, true, "Now agreed.");
        await world.WaitForCompletionAsync(id);

        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        Assert.Equal(["rejected", "approved"], final.Timeline.Where(t => t.Source == DomainSource.GovernmentOffice).Select(t => t.Kind));
        Assert.Equal(5, (await world.WaitForEmailsAsync(EmailKind.FinalAgreementNotice, 5)).Count);
    }

    [Fact]
    public async Task GovernmentOfficeRejectionSentTwice_TheRepeatDoesNotDecideTheResubmission()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await EveryoneEndorsesAsync(world, id);

        // A double click: both arrive while the draft still waits, so both are accepted.
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.GovernmentOfficeDecisionAsync(id, false, "NI 152 must be more ambitious.")).Status);
        await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);

        // Resubmitted unchanged: nobody is consulted again and the draft goes back at once as submission 2, which the
        // repeated rejection of submission 1 must not decide.
        await world.Service.ReviseAsync(id, new RevisionRequest { Targets = Requests.Targets() });
        Assert.Equal(2, (await world.WaitForEmailsAsync(EmailKind.GovernmentOfficeSubmission, 2)).Count);
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);

        await world.Service.GovernmentOfficeDecisionAsync(id, true, "Agreed.");
        await world.WaitForCompletionAsync(id);
        var final = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, final.Phase);
        Assert.Equal(["rejected", "approved"], final.Timeline.Where(t => t.Source == DomainSource.GovernmentOffice).Select(t => t.Kind));
    }

    [Fact]
    public async Task SignOffDeadlineFallsDuringRevision_DeadlineMissedWithTheReasons()
    {
        // A shorter timetable still: only the sign-off deadline matters here.
        var signOff = s_opens.AddDays(2);
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid(timetable: Requests.Compact.Timetable(response: s_opens.AddDays(1), signOff: signOff)));
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.RequestChanges, "NI 39 needs the alcohol strategy's figures.");
        await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);

        await world.WaitUntilAsync(signOff);
        await world.WaitForCompletionAsync(id);

        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        var reason = Assert.Single(view.Outcome!.Reasons);
        Assert.Contains("Partner pct asked for changes: NI 39 needs the alcohol strategy's figures.", reason, StringComparison.Ordinal);
        Assert.Contains("still disputed", reason, StringComparison.Ordinal);
        var notices = await world.WaitForEmailsAsync(EmailKind.DeadlineMissedNotice, 5);
        Assert.Equal(
            [Requests.GoEmail, "jcp@partners.example", Requests.LeadEmail, "pct@partners.example", "police@partners.example"],
            notices.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.All(notices, e => world.AssertAround(signOff, e.At, "deadline-missed notice"));
        Assert.Contains(view.Timeline, t => t.Kind == "deadline-missed" && t.Text.Contains("alcohol strategy", StringComparison.Ordinal));

        var late = await world.Service.ReviseAsync(id, Revised("NI 39"));
        Assert.Equal(NegotiationResultStatus.NotAllowed, late.Status);
        Assert.Contains("has ended", late.Message, StringComparison.Ordinal);
    }
}
