using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using Microsoft.DurableTask.Client;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class SilenceScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task OnePartnerNeverAnswers_RemindedDigestedEscalated_DeadlineMissedNamingIt()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse);

        // Reminders 3 and 1 days before the deadline, then the ladder: the director at the deadline, the chief executive a day later.
        var reminders = await world.WaitForEmailsAsync(EmailKind.PartnerReminder, 2);
        Assert.All(reminders, e => Assert.Equal("pct@partners.example", e.To));
        world.AssertAround([s_deadline.AddDays(-3), s_deadline.AddDays(-1)], reminders.Select(e => e.At), "reminders");
        var digests = await world.WaitForEmailsAsync(EmailKind.LeadDigest, 2);
        world.AssertAround([s_deadline.AddDays(-3), s_deadline.AddDays(-1)], digests.Select(e => e.At), "digests");
        Assert.All(digests, e => Assert.Equal(Requests.LeadEmail, e.To));
        Assert.All(digests, e => Assert.Contains("Partner pct", e.Message.Text, StringComparison.Ordinal));
        Assert.All(digests, e => Assert.DoesNotContain("Partner police", e.Message.Text, StringComparison.Ordinal));
        var escalations = await world.WaitForEmailsAsync(EmailKind.EscalationNotice, 2);
        Assert.Equal(["director.pct@partners.example", "chief.pct@partners.example"], escalations.Select(e => e.To));
        world.AssertAround([s_deadline, s_deadline.AddDays(1)], escalations.Select(e => e.At), "escalations");
        Assert.All(escalations, e => Assert.Equal("pct@partners.example", Assert.Single(e.Message.Cc).Email));

        var during = await world.WaitForViewAsync(id, v => v.Partners.Single(p => p.Id == "pct").EscalationLevel == 2, "pct escalated twice");
        Assert.Equal(PartnerStatus.Escalated, during.Partners.Single(p => p.Id == "pct").Status);
        Assert.Equal(NegotiationPhase.Consultation, during.Phase);

        await world.WaitUntilAsync(s_signOff);
        var completed = await world.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, world.Emails.Of(EmailKind.EscalationNotice).Count);
        Assert.Equal(2, world.Emails.Of(EmailKind.PartnerReminder).Count);
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        Assert.Equal(PartnerStatus.NoResponse, view.Partners.Single(p => p.Id == "pct").Status);
        Assert.Equal(PartnerStatus.Endorsed, view.Partners.Single(p => p.Id == "police").Status);
        Assert.Equal(["Partner pct had not answered in round 1."], view.Outcome!.Reasons);
        var notices = await world.WaitForEmailsAsync(EmailKind.DeadlineMissedNotice, 5);
        Assert.Equal(5, notices.Count);
        Assert.All(notices, e => world.AssertAround(s_signOff, e.At, "deadline-missed notice"));
        Assert.Contains(notices, e => e.To == Requests.LeadEmail && e.Message.Text.Contains("Partner pct had not answered", StringComparison.Ordinal));

        var kinds = view.Timeline.Where(t => t.PartnerId == "pct").Select(t => t.Kind).ToList();
        Assert.Equal(["invited", "reminded", "reminded", "escalated", "escalated", "no-response"], kinds);
        Assert.Equal(2, view.Timeline.Count(t => t.Kind == "digest"));
        var ended = Assert.Single(view.Timeline, t => t.Kind == "deadline-missed");
        world.AssertAround(s_signOff, ended.At, "the deadline-missed entry");
        Assert.Equal(AnswerSource.System, ended.Source);
        Assert.Contains("Partner pct had not answered", ended.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerObjects_ObjectionRecordedWithReasonAndLeadTold_WaitsForRevision()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        var answeredAt = s_opens.AddHours(3);
        await world.WaitUntilAsync(answeredAt);

        var view = await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Object, "The NI 16 baseline double-counts vehicle crime.");

        var notice = Assert.Single(await world.WaitForEmailsAsync(EmailKind.LeadAnswerNotice, 1));
        Assert.Equal(Requests.LeadEmail, notice.To);
        world.AssertAround(answeredAt, notice.At, "the lead's notice");
        Assert.Contains("double-counts vehicle crime", notice.Message.Text, StringComparison.Ordinal);
        // Each deadline by its own name: the round's answers by 7 March, sign-off by 10 March.
        Assert.Contains("answers in this round are due by 7 March 2008, 09:00 UTC", notice.Message.Text, StringComparison.Ordinal);
        Assert.Contains("signed off by 10 March 2008, 09:00 UTC (the sign-off deadline)", notice.Message.Text, StringComparison.Ordinal);
        var police = view.Partners.Single(p => p.Id == "police");
        Assert.Equal((PartnerStatus.Objected, "The NI 16 baseline double-counts vehicle crime."), (police.Status, police.Comment));
        world.AssertAround(answeredAt, police.AnsweredAt, "police's answer");
        var entry = Assert.Single(view.Timeline, t => t.Kind == "answered");
        Assert.Equal((AnswerSource.EmailLink, "police"), (entry.Source, entry.PartnerId));
        Assert.Contains("objected: The NI 16 baseline", entry.Text, StringComparison.Ordinal);

        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse);

        var waiting = await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);
        Assert.Equal(s_signOff, waiting.NextDeadline);
        Assert.Empty(world.Emails.Of(EmailKind.GovernmentOfficeSubmission));
        Assert.Equal(NegotiationPhase.Revision, (await world.Service.ListAsync(phase: "revision")).Page!.Items.Single().Phase);
    }
}

public abstract class LeadChaseScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task LeadNeverRevises_RemindedThenEscalatedAndWarnedBeforeSignOff_DeadlineMissed()
    {
        await using var world = await StartAsync();
        var request = Requests.Compact.Valid(timetable: Requests.Compact.Timetable() with { SignOffWarningDaysBefore = [5, 2] }) with
        {
            LspLeadEscalation = [new ContactRequest { Name = "Chief executive", Email = "chief.executive@sunderland.example" }],
        };
        var id = await world.StartNegotiationAsync(request);
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Object, "The NI 16 trajectory is not achievable.");
        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse);
        var waiting = await world.WaitForPhaseAsync(id, NegotiationPhase.Revision);
        var since = waiting.Timeline.Last(t => t.Kind == "phase").At;

        // Escalation every day in the compact timetable: the lead twice, then the lead's chief executive.
        var chases = await world.WaitForEmailsAsync(EmailKind.LeadChase, 3);
        Assert.Equal([Requests.LeadEmail, Requests.LeadEmail, "chief.executive@sunderland.example"], chases.Select(e => e.To));
        world.AssertAround([since.AddDays(1), since.AddDays(2), since.AddDays(3)], chases.Select(e => e.At), "chases");
        Assert.Contains("(reminder 2)", chases[1].Message.Text, StringComparison.Ordinal);
        Assert.Equal(Requests.LeadEmail, Assert.Single(chases[2].Message.Cc).Email);
        Assert.All(chases, e => Assert.Contains("The NI 16 trajectory is not achievable.", e.Message.Text, StringComparison.Ordinal));

        // Warned 5 and 2 days before the sign-off deadline of 10 March, the lead and the Government Office each.
        var warnings = await world.WaitForEmailsAsync(EmailKind.SignOffWarning, 4);
        Assert.Equal([Requests.LeadEmail, Requests.GoEmail, Requests.LeadEmail, Requests.GoEmail], warnings.Select(e => e.To));
        world.AssertAround([s_signOff.AddDays(-5), s_signOff.AddDays(-5), s_signOff.AddDays(-2), s_signOff.AddDays(-2)], warnings.Select(e => e.At), "warnings");
        Assert.Contains("5 days to the sign-off deadline", warnings[0].Message.Subject, StringComparison.Ordinal);
        Assert.All(warnings, e => Assert.Contains("waiting for the LSP lead's revision", e.Message.Text, StringComparison.Ordinal));
        Assert.All(warnings, e => Assert.Contains("Partner police objected", e.Message.Text, StringComparison.Ordinal));

        await world.WaitUntilAsync(s_signOff);
        await world.WaitForCompletionAsync(id);
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        Assert.Equal(3, world.Emails.Of(EmailKind.LeadChase).Count);
        Assert.Equal(
            ["lead-escalated", "lead-reminded", "lead-reminded", "signoff-warning", "signoff-warning"],
            view.Timeline.Where(t => t.Kind.StartsWith("lead-", StringComparison.Ordinal) || t.Kind == "signoff-warning").Select(t => t.Kind).Order(StringComparer.Ordinal));
    }
}

/// <summary>Apart from <see cref="LeadChaseScenarios"/>, so the two long runs to (and past) the sign-off deadline run side by side.</summary>
public abstract class SignOffExtensionScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task SignOffExtendedWhileAPartnerIsSilent_TheRoundAndTheWarningsRunToTheNewDeadline()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAndWaitAsync(id, "jcp", AnswerDecision.Endorse);

        var later = s_signOff.AddDays(2);
        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.ExtendSignOffAsync(id, s_signOff.AddDays(-1), "Earlier.", null, "admin")).Status);
        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.ExtendSignOffAsync(id, later, " ", null, "admin")).Status);
        Assert.Equal(
            NegotiationResultStatus.Accepted,
            (await world.Service.ExtendSignOffAsync(id, later, "Two more days for the PCT board to meet.", "G. Officer", "admin")).Status);
        var moved = await world.WaitForViewAsync(id, v => v.Timeline.Any(t => t.Kind == "signoff-extended"), "the extension on the timeline");
        Assert.Equal(later, moved.Timetable.SignOffDeadline);
        var entry = Assert.Single(moved.Timeline, t => t.Kind == "signoff-extended");
        Assert.Contains("agreed for the Government Office by G. Officer (recorded by admin): Two more days for the PCT board to meet.", entry.Text, StringComparison.Ordinal);

        // Past the old deadline the round is still open for pct, and warned of the new one, not the old.
        await world.WaitUntilAsync(s_signOff.AddHours(6));
        Assert.Equal(NegotiationPhase.Consultation, (await world.GetAsync(id)).Phase);
        var warnings = await world.WaitForEmailsAsync(EmailKind.SignOffWarning, 2);
        world.AssertAround([later.AddDays(-2), later.AddDays(-2)], warnings.Select(e => e.At), "warnings");
        Assert.All(warnings, e => Assert.Contains("12 March 2008", e.Message.Text, StringComparison.Ordinal));

        await world.WaitUntilAsync(later);
        await world.WaitForCompletionAsync(id);
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        world.AssertAround(later, view.Outcome!.At, "the end");
        Assert.Equal(2, world.Emails.Of(EmailKind.SignOffWarning).Count);
        Assert.Equal(PartnerStatus.NoResponse, view.Partners.Single(p => p.Id == "pct").Status);
    }
}
