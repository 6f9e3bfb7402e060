using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract partial class NegotiationScenarios
{
    [Fact]
    public async Task AdminActions_RemindExtendAndRecordOnBehalf_EachApplied()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));

        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.RemindNowAsync(id, "pct")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ResendInvitationAsync(id, "jcp")).Status);
        var extended = s_deadline.AddDays(10);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ExtendDeadlineAsync(id, "pct", extended)).Status);
        var onBehalf = await world.Service.RecordOnBehalfAsync(id, "police", "endorse", null, "Endorsed by letter of 3 March", "admin@laa.example");
        Assert.Equal(NegotiationResultStatus.Accepted, onBehalf.Status);
        await world.SettleAsync();

        Assert.Equal(("pct@partners.example", s_opens.AddDays(1)), Assert.Single(world.Emails.Of(EmailKind.PartnerReminder)) is var r ? (r.To, r.At) : default);
        Assert.Equal(2, world.Emails.Of(EmailKind.PartnerInvitation).Count(e => e.To == "jcp@partners.example"));
        var view = await world.GetAsync(id);
        var pct = view.Partners.Single(p => p.Id == "pct");
        Assert.Equal((PartnerStatus.Reminded, extended), (pct.Status, pct.Deadline));
        var police = view.Partners.Single(p => p.Id == "police");
        Assert.Equal(PartnerStatus.Endorsed, police.Status);
        var entry = Assert.Single(view.Timeline, t => t.Kind == "answered");
        Assert.Equal(AnswerSource.AdminOnBehalf, entry.Source);
        Assert.Contains("admin@laa.example: Endorsed by letter of 3 March", entry.Text, StringComparison.Ordinal);

        // The extended partner's reminders follow the new deadline; the other partner's the original one.
        await world.AdvanceToAsync(s_deadline.AddDays(-1));
        Assert.Equal(
            [s_deadline.AddDays(-14), s_deadline.AddDays(-7), s_deadline.AddDays(-2)],
            world.Emails.Of(EmailKind.PartnerReminder).Where(e => e.To == "jcp@partners.example").Select(e => e.At));
        Assert.Equal(
            [s_opens.AddDays(1), extended.AddDays(-14)],
            world.Emails.Of(EmailKind.PartnerReminder).Where(e => e.To == "pct@partners.example").Select(e => e.At));

        Assert.Equal(NegotiationResultStatus.NotFound, (await world.Service.RemindNowAsync(id, "nobody")).Status);
        Assert.Equal(NegotiationResultStatus.NotAllowed, (await world.Service.RemindNowAsync(id, "police")).Status);
        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.ExtendDeadlineAsync(id, "all", s_signOff.AddDays(1))).Status);
        Assert.Equal(NegotiationResultStatus.NotFound, (await world.Service.WithdrawAsync("no-such-negotiation", "x")).Status);
    }

    [Fact]
    public async Task WithdrawAsync_DuringConsultation_EndsWithdrawnAndStopsTheConsultations()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddDays(1));
        await world.AnswerAsync(id, "police", AnswerDecision.Endorse);

        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.WithdrawAsync(id, " ")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.WithdrawAsync(id, "Boundary review", "admin@laa.example")).Status);
        await world.Host.WaitForCompletionAsync(id);
        await world.AdvanceToAsync(s_signOff.AddDays(1));

        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Withdrawn, view.Phase);
        Assert.Equal(["Boundary review"], view.Outcome!.Reasons);
        Assert.Empty(world.Emails.Of(EmailKind.PartnerReminder));
        Assert.Equal(0, world.Host.Clock.PendingTimerCount);
        var children = await world.Host.Client.GetAllInstancesAsync().Where(i => i.ParentInstanceId == id).ToListAsync();
        Assert.Equal(3, children.Count);
        Assert.All(children, c => Assert.True(c.IsCompleted));
    }
}
