using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class EndorsementScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task EveryPartnerEndorsesEarly_GovernmentOfficeApproves_FinalisedWithDocumentAndEveryoneNotified()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        Assert.Equal(NegotiationPhase.Draft, (await world.GetAsync(id)).Phase);

        var invitations = await world.WaitForConsultationAsync(id);
        Assert.Equal(["jcp@partners.example", "pct@partners.example", "police@partners.example"], invitations.Select(e => e.To).Order());
        Assert.All(invitations, e => world.AssertAround(s_opens, e.At, "invitation"));
        Assert.All(invitations, e => Assert.NotNull(e.Message.ReplyTo));

        var answeredAt = s_opens.AddHours(6);
        await world.WaitUntilAsync(answeredAt);
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            Assert.Equal(AnswerSinkStatus.Accepted, (await world.AnswerAsync(id, partner, AnswerDecision.Endorse)).Status);
        }

        var submitted = Assert.Single(await world.WaitForEmailsAsync(EmailKind.GovernmentOfficeSubmission, 1));
        Assert.Equal(Requests.GoEmail, submitted.To);
        world.AssertAround(answeredAt, submitted.At, "submission");
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);

        var approvedAt = s_opens.AddDays(1.5);
        await world.WaitUntilAsync(approvedAt);
        var decided = await world.Service.GovernmentOfficeDecisionAsync(id, approved: true, "Agreed for the Secretary of State.");
        Assert.Equal(Service.NegotiationResultStatus.Accepted, decided.Status);
        var completed = await world.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        // One durable timer for each instant: a timer set again on every partner's answer (the lead's digest was) fires
        // once for each, and each firing replays the agreement. The in-memory backend keeps no readable history.
        var history = await world.Services.GetRequiredService<IOrchestrationHistory>().GetAsync(id, CancellationToken.None);
        Assert.Empty(history.Where(e => e.EventType == "TimerCreated").GroupBy(e => e.FireAt).Where(g => g.Count() > 1).Select(g => $"{g.Key:o} x{g.Count()}"));
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, view.Phase);
        Assert.Equal("Completed", view.RuntimeStatus);
        Assert.Null(view.NextDeadline);
        Assert.All(view.Partners, p => Assert.Equal(PartnerStatus.Endorsed, p.Status));
        Assert.All(view.Partners, p => world.AssertAround(answeredAt, p.AnsweredAt, p.Id + " answered"));
        Assert.Equal(NegotiationPhase.Finalised, view.Outcome!.Phase);
        Assert.EndsWith($"/api/negotiations/{id}/document", view.DocumentUrl!.AbsolutePath, StringComparison.Ordinal);
        var approved = Assert.Single(view.Timeline, t => t.Kind == "approved");
        world.AssertAround(approvedAt, approved.At, "approval");

        var document = await world.ReadDocumentAsync(view.DocumentUrl);
        Assert.StartsWith("<!DOCTYPE html>", document, StringComparison.Ordinal);
        Assert.Contains("Serious acquisitive crime rate", document, StringComparison.Ordinal);
        Assert.Contains("Partner police", document, StringComparison.Ordinal);
        Assert.Contains(Day(view.Partners.Single(p => p.Id == "police").AnsweredAt!.Value), document, StringComparison.Ordinal);
        Assert.Contains("Approved on " + Day(approved.At), document, StringComparison.Ordinal);

        var finals = await world.WaitForEmailsAsync(EmailKind.FinalAgreementNotice, 5);
        Assert.Equal(
            [Requests.GoEmail, "jcp@partners.example", Requests.LeadEmail, "pct@partners.example", "police@partners.example"],
            finals.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.All(finals, e => world.AssertAround(approvedAt, e.At, "final notice"));
        Assert.Empty(world.Emails.Of(EmailKind.PartnerReminder));
        Assert.Empty(world.Emails.Of(EmailKind.LeadDigest));

        // Cause before effect: the answers, then the approval, then the signing-off it led to.
        var kinds = view.Timeline.Select(t => t.Kind).ToList();
        Assert.True(
            kinds.LastIndexOf("answered") < kinds.IndexOf("approved") && kinds.IndexOf("approved") < kinds.IndexOf("finalised"),
            "timeline out of order: " + string.Join(", ", kinds));
        Assert.Equal(
            ["answered", "answered", "answered", "approved", "created", "finalised", "invited", "invited", "invited", "phase", "phase", "phase"],
            view.Timeline.Select(t => t.Kind).Order(StringComparer.Ordinal));
        Assert.All(view.Timeline.Where(t => t.Kind == "answered"), t => Assert.Equal(DomainSource.EmailLink, t.Source));
        Assert.Equal(view.Timeline.Select(t => t.At).Order(), view.Timeline.Select(t => t.At));
    }
}
