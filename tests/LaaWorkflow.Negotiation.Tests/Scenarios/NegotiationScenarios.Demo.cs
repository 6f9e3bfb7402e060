using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class DemoScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task DemoArea_EveryPartnerEndorses_FinalisedWithEveryTargetInTheDocument()
    {
        await using var world = await StartAsync();
        var request = DemoNegotiations.For("Leeds");
        var id = await world.StartNegotiationAsync(request);
        // Leeds opened consultation in December 2007, before the scenario's calendar starts: it opens at once.
        var opens = request.Timetable!.ConsultationOpens!.Value.UtcDateTime;
        Assert.True(opens < Requests.Start);

        var invitations = await world.WaitForConsultationAsync(id);
        Assert.All(invitations, e => world.AssertAround(Requests.Start, e.At, "invitation"));
        await world.WaitUntilAsync(Requests.Start.AddHours(12));
        foreach (var partner in request.Partners!)
        {
            await world.AnswerAsync(id, partner!.Id!, AnswerDecision.Endorse);
        }

        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
        await world.Service.GovernmentOfficeDecisionAsync(id, true, "Agreed.");
        await world.WaitForCompletionAsync(id);

        var view = await world.GetAsync(id);
        Assert.Equal(NegotiationPhase.Finalised, view.Phase);
        Assert.Equal(request.Partners!.Count, world.Emails.Of(EmailKind.PartnerInvitation).Count);
        Assert.Equal(request.Targets!.Count, view.Targets.Count);
        var document = await world.ReadDocumentAsync(view.DocumentUrl!);
        Assert.All(view.Targets.Where(t => t.Title is not null), t => Assert.Contains(System.Net.WebUtility.HtmlEncode(t.Title!), document, StringComparison.Ordinal));
        Assert.Contains("West Yorkshire Police", document, StringComparison.Ordinal);
        var listed = Assert.Single((await world.Service.ListAsync(area: "Leeds")).Page!.Items);
        Assert.Equal((id, NegotiationPhase.Finalised, request.Partners.Count), (listed.Id, listed.Phase, listed.Endorsed));
    }
}
