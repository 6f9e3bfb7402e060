using LaaWorkflow.Durable;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract partial class NegotiationScenarios
{
    [Fact]
    public async Task OnePartnerNeverAnswers_RemindedDigestedEscalated_DeadlineMissedNamingIt()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(2));
        await world.AnswerAsync(id, "police", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse);

        await world.AdvanceToAsync(s_deadline.AddDays(10));

        var reminders = world.Emails.Of(EmailKind.PartnerReminder);
        Assert.All(reminders, e => Assert.Equal("pct@partners.example", e.To));
        Assert.Equal([s_deadline.AddDays(-14), s_deadline.AddDays(-7), s_deadline.AddDays(-2)], reminders.Select(e => e.At));
        var digests = world.Emails.Of(EmailKind.LeadDigest);
        Assert.Equal([s_deadline.AddDays(-14), s_deadline.AddDays(-7), s_deadline.AddDays(-2)], digests.Select(e => e.At));
        Assert.All(digests, e => Assert.Equal(Requests.LeadEmail, e.To));
        Assert.All(digests, e => Assert.Contains("Partner pct", e.Message.Text, StringComparison.Ordinal));
        Assert.All(digests, e => Assert.DoesNotContain("Partner police", e.Message.Text, StringComparison.Ordinal));
        var escalations = world.Emails.Of(EmailKind.EscalationNotice);
        Assert.Equal(
            [("director.pct@partners.example", s_deadline), ("chief.pct@partners.example", s_deadline.AddDays(5))],
            escalations.Select(e => (e.To, e.At)));
        Assert.All(escalations, e => Assert.Equal("pct@partners.example", Assert.Single(e.Message.Cc).Email));

        var during = await world.GetAsync(id);
        var pct = during.Partners.Single(p => p.Id == "pct");
        Assert.Equal((PartnerStatus.Escalated, 2), (pct.Status, pct.EscalationLevel));
        Assert.Equal(NegotiationPhase.Consultation, during.Phase);

        await world.AdvanceToAsync(s_signOff);
        var completed = await world.Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, world.Emails.Of(EmailKind.EscalationNotice).Count);
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.DeadlineMissed, view.Phase);
        Assert.Equal(PartnerStatus.NoResponse, view.Partners.Single(p => p.Id == "pct").Status);
        Assert.Equal(PartnerStatus.Endorsed, view.Partners.Single(p => p.Id == "police").Status);
        Assert.Equal(["Partner pct had not answered in round 1."], view.Outcome!.Reasons);
        var notices = world.Emails.Of(EmailKind.DeadlineMissedNotice);
        Assert.Equal(5, notices.Count);
        Assert.All(notices, e => Assert.Equal(s_signOff, e.At));
        Assert.Contains(notices, e => e.To == Requests.LeadEmail && e.Message.Text.Contains("Partner pct had not answered", StringComparison.Ordinal));

        var kinds = view.Timeline.Where(t => t.PartnerId == "pct").Select(t => t.Kind).ToList();
        Assert.Equal(["invited", "reminded", "reminded", "reminded", "escalated", "escalated", "no-response"], kinds);
        Assert.Equal(3, view.Timeline.Count(t => t.Kind == "digest"));
        var ended = Assert.Single(view.Timeline, t => t.Kind == "deadline-missed");
        Assert.Equal((s_signOff, AnswerSource.System), (ended.At, ended.Source));
        Assert.Contains("Partner pct had not answered", ended.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerObjects_ObjectionRecordedWithReasonAndLeadTold_WaitsForRevision()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));

        await world.AnswerAsync(id, "police", AnswerDecision.Object, "The NI 16 baseline double-counts vehicle crime.");

        var notice = Assert.Single(world.Emails.Of(EmailKind.LeadAnswerNotice));
        Assert.Equal((Requests.LeadEmail, s_opens.AddDays(1)), (notice.To, notice.At));
        Assert.Contains("double-counts vehicle crime", notice.Message.Text, StringComparison.Ordinal);
        var view = await world.GetAsync(id);
        var police = view.Partners.Single(p => p.Id == "police");
        Assert.Equal((PartnerStatus.Objected, "The NI 16 baseline double-counts vehicle crime.", s_opens.AddDays(1)), (police.Status, police.Comment, police.AnsweredAt));
        var entry = Assert.Single(view.Timeline, t => t.Kind == "answered");
        Assert.Equal((AnswerSource.EmailLink, "police"), (entry.Source, entry.PartnerId));
        Assert.Contains("objected: The NI 16 baseline", entry.Text, StringComparison.Ordinal);

        await world.AnswerAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse);

        var waiting = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Revision, waiting.Phase);
        Assert.Equal(s_signOff, waiting.NextDeadline);
        Assert.Empty(world.Emails.Of(EmailKind.GovernmentOfficeSubmission));
        Assert.Equal(NegotiationPhase.Revision, (await world.Service.ListAsync(phase: "revision")).Page!.Items.Single().Phase);
    }
}
