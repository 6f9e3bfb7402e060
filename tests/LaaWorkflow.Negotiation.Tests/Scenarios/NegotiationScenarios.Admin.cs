using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class AdminScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task AdminActions_RemindExtendAndRecordOnBehalf_EachApplied()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        // Between the invitations and the first scheduled reminder (4 March 09:00).
        var actedAt = s_opens.AddHours(6);
        await world.WaitUntilAsync(actedAt);

        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.RemindNowAsync(id, "pct")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ResendInvitationAsync(id, "jcp")).Status);
        var extended = s_deadline.AddDays(1);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.ExtendDeadlineAsync(id, "pct", extended)).Status);
        var onBehalf = await world.Service.RecordOnBehalfAsync(id, "police", "endorse", null, "Endorsed by letter of 3 March", "admin@laa.example");
        Assert.Equal(NegotiationResultStatus.Accepted, onBehalf.Status);

        var reminded = (await world.WaitForEmailsAsync(EmailKind.PartnerReminder, 1, "pct@partners.example"))[0];
        Assert.Contains(":reminder-now:", reminded.Message.Key, StringComparison.Ordinal);
        world.AssertAround(actedAt, reminded.At, "reminder sent at once");
        await world.WaitForEmailsAsync(EmailKind.PartnerInvitation, 2, "jcp@partners.example");
        var view = await world.WaitForViewAsync(
            id,
            v => v.Partners.Single(p => p.Id == "pct").Deadline == extended && v.Partners.Single(p => p.Id == "police").Status == PartnerStatus.Endorsed,
            "pct's extended deadline and police's endorsement");
        Assert.Equal(PartnerStatus.Reminded, view.Partners.Single(p => p.Id == "pct").Status);
        var entry = Assert.Single(view.Timeline, t => t.Kind == "answered");
        Assert.Equal(AnswerSource.AdminOnBehalf, entry.Source);
        Assert.Contains("admin@laa.example: Endorsed by letter of 3 March", entry.Text, StringComparison.Ordinal);

        // The extended partner's reminders follow the new deadline; the other partner's the original one.
        var jcpReminders = await world.WaitForEmailsAsync(EmailKind.PartnerReminder, 2, "jcp@partners.example");
        var pctReminders = await world.WaitForEmailsAsync(EmailKind.PartnerReminder, 2, "pct@partners.example");
        world.AssertAround([s_deadline.AddDays(-3), s_deadline.AddDays(-1)], jcpReminders.Select(e => e.At), "jcp's reminders");
        world.AssertAround([actedAt, extended.AddDays(-3)], pctReminders.Select(e => e.At), "pct's reminders");

        Assert.Equal(NegotiationResultStatus.NotFound, (await world.Service.RemindNowAsync(id, "nobody")).Status);
        Assert.Equal(NegotiationResultStatus.NotAllowed, (await world.Service.RemindNowAsync(id, "police")).Status);
        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.ExtendDeadlineAsync(id, "all", s_signOff.AddDays(1))).Status);
        Assert.Equal(NegotiationResultStatus.NotFound, (await world.Service.WithdrawAsync("no-such-negotiation", "x")).Status);
    }

    [Fact]
    public async Task WithdrawAsync_DuringConsultation_EndsWithdrawnAndStopsTheConsultations()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(3));
        await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse);

        Assert.Equal(NegotiationResultStatus.Invalid, (await world.Service.WithdrawAsync(id, " ")).Status);
        Assert.Equal(NegotiationResultStatus.Accepted, (await world.Service.WithdrawAsync(id, "Boundary review", "admin@laa.example")).Status);
        await world.WaitForCompletionAsync(id);

        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Withdrawn, view.Phase);
        Assert.Equal(["Boundary review"], view.Outcome!.Reasons);
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            var child = await world.Client.GetInstanceAsync(InstanceIds.Partner(id, partner, 1));
            Assert.True(child is { IsCompleted: true }, $"{partner}'s consultation is {child?.RuntimeStatus.ToString() ?? "missing"}");
        }

        // Past both reminders the consultations would have sent, nobody was reminded after the withdrawal. On a busy
        // machine the withdrawal can land after the first reminder fell due; that one was rightly sent.
        var remindedBeforeTheEnd = world.Emails.Of(EmailKind.PartnerReminder).Count;
        await world.WaitPastAsync(s_deadline.AddDays(-1));
        Assert.Equal(remindedBeforeTheEnd, world.Emails.Of(EmailKind.PartnerReminder).Count);
    }
}
