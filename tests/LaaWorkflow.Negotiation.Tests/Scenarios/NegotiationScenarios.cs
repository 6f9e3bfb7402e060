using LaaWorkflow.Durable;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

/// <summary>
/// The negotiation scenarios the issue lists, each asserting the emails (to whom, which kind, when), the timeline, the
/// read model and the final state. The durable backend is chosen by <see cref="ConfigureBackend"/> alone: derive a
/// class that overrides it to run every scenario on another backend.
/// </summary>
public abstract partial class NegotiationScenarios(AzuriteFixture azurite)
{
    // The small negotiation of Support/Requests: three partners, consultation 3 March to 14 April 2008, sign-off 30 June.
    private static readonly DateTime s_opens = Requests.Opens;
    private static readonly DateTime s_deadline = Requests.ResponseDeadline;
    private static readonly DateTime s_signOff = Requests.SignOff;

    /// <summary>The one place the durable backend is chosen.</summary>
    protected abstract void ConfigureBackend(DurableTaskWorkerBuilder worker);

    private Task<NegotiationScenario> StartAsync() => NegotiationScenario.StartAsync(azurite, ConfigureBackend);

    [Fact]
    public async Task EveryPartnerEndorsesEarly_GovernmentOfficeApproves_FinalisedWithDocumentAndEveryoneNotified()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        Assert.Equal(NegotiationPhase.Draft, (await world.GetAsync(id)).Phase);

        await world.AdvanceToAsync(s_opens);
        var invitations = world.Emails.Of(EmailKind.PartnerInvitation);
        Assert.Equal(["jcp@partners.example", "pct@partners.example", "police@partners.example"], invitations.Select(e => e.To).Order());
        Assert.All(invitations, e => Assert.Equal(s_opens, e.At));
        Assert.All(invitations, e => Assert.NotNull(e.Message.ReplyTo));

        await world.AdvanceToAsync(s_opens.AddDays(2));
        foreach (var partner in new[] { "police", "pct", "jcp" })
        {
            Assert.Equal(AnswerSinkStatus.Accepted, (await world.AnswerAsync(id, partner, AnswerDecision.Endorse)).Status);
        }

        var submitted = Assert.Single(world.Emails.Of(EmailKind.GovernmentOfficeSubmission));
        Assert.Equal((Requests.GoEmail, s_opens.AddDays(2)), (submitted.To, submitted.At));
        Assert.Equal(NegotiationPhase.GovernmentOffice, (await world.GetAsync(id)).Phase);

        await world.AdvanceToAsync(s_opens.AddDays(9));
        var decided = await world.Service.GovernmentOfficeDecisionAsync(id, approved: true, "Agreed for the Secretary of State.");
        Assert.Equal(Service.NegotiationResultStatus.Accepted, decided.Status);
        var completed = await world.Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, view.Phase);
        Assert.Equal("Completed", view.RuntimeStatus);
        Assert.Null(view.NextDeadline);
        Assert.All(view.Partners, p => Assert.Equal((PartnerStatus.Endorsed, s_opens.AddDays(2)), (p.Status, p.AnsweredAt)));
        Assert.Equal(NegotiationPhase.Finalised, view.Outcome!.Phase);
        Assert.EndsWith($"/api/negotiations/{id}/document", view.DocumentUrl!.AbsolutePath, StringComparison.Ordinal);

        var document = await world.ReadDocumentAsync(view.DocumentUrl);
        Assert.StartsWith("<!DOCTYPE html>", document, StringComparison.Ordinal);
        Assert.Contains("Serious acquisitive crime rate", document, StringComparison.Ordinal);
        Assert.Contains("Partner police", document, StringComparison.Ordinal);
        Assert.Contains("5 March 2008", document, StringComparison.Ordinal);
        Assert.Contains("Approved on 12 March 2008", document, StringComparison.Ordinal);

        var finals = world.Emails.Of(EmailKind.FinalAgreementNotice);
        Assert.Equal(
            [Requests.GoEmail, "jcp@partners.example", Requests.LeadEmail, "pct@partners.example", "police@partners.example"],
            finals.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.All(finals, e => Assert.Equal(s_opens.AddDays(9), e.At));
        Assert.Empty(world.Emails.Of(EmailKind.PartnerReminder));
        Assert.Empty(world.Emails.Of(EmailKind.LeadDigest));

        // Entries of one instant (the last answer and the submission it caused) are ordered by key, so compare as sets.
        Assert.Equal(
            ["answered", "answered", "answered", "approved", "created", "finalised", "invited", "invited", "invited", "phase", "phase", "phase"],
            view.Timeline.Select(t => t.Kind).Order(StringComparer.Ordinal));
        Assert.All(view.Timeline.Where(t => t.Kind == "answered"), t => Assert.Equal(DomainSource.EmailLink, t.Source));
        Assert.Equal(view.Timeline.Select(t => t.At).Order(), view.Timeline.Select(t => t.At));
    }
}

/// <summary>Every scenario on the in-memory backend.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InMemoryNegotiationScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    protected override void ConfigureBackend(DurableTaskWorkerBuilder worker) => worker.UseInMemoryBackend();
}
