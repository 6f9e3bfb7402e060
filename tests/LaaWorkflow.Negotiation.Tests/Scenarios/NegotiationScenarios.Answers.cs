using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class AnswerScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task SameAnswerTwice_SecondChangesNothing_AnswerAfterFinalisationRefused()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        var answeredAt = s_opens.AddHours(2);
        await world.WaitUntilAsync(answeredAt);
        var first = (await world.AnswerAndWaitAsync(id, "police", AnswerDecision.Endorse)).Partners.Single(p => p.Id == "police").AnsweredAt;
        Assert.NotNull(first);
        // The repeat comes half a business day after the answer as stamped, not as planned: a stalled machine can post
        // the first answer late, and the repeat must still come visibly later than it.
        var repeatedAt = first.Value.AddHours(12);
        await world.WaitUntilAsync(repeatedAt);

        var again = await world.AnswerAsync(id, "police", AnswerDecision.Endorse);
        var different = await world.AnswerAsync(id, "police", AnswerDecision.Object, "On second thoughts.");

        Assert.Equal(AnswerSinkStatus.Accepted, again.Status);
        Assert.Equal(AnswerSinkStatus.Closed, different.Status);
        Assert.Contains("already recorded", different.Reason, StringComparison.Ordinal);
        var view = await world.GetAsync(id);
        var police = view.Partners.Single(p => p.Id == "police");
        Assert.Equal(PartnerStatus.Endorsed, police.Status);
        world.AssertAround(answeredAt, police.AnsweredAt, "police's answer");
        Assert.True(police.AnsweredAt == first, $"The repeat must not restamp the answer (first stamped {first:O}, now {police.AnsweredAt:O}).");
        Assert.Single(view.Timeline, t => t.Kind == "answered" && t.PartnerId == "police");
        Assert.Empty(world.Emails.Of(EmailKind.LeadAnswerNotice));

        await world.AnswerAsync(id, "pct", AnswerDecision.Endorse);
        await world.AnswerAsync(id, "jcp", AnswerDecision.Endorse);
        await world.WaitForPhaseAsync(id, NegotiationPhase.GovernmentOffice);
        await world.Service.GovernmentOfficeDecisionAsync(id, true, null);
        await world.WaitForCompletionAsync(id);
        await world.WaitForEmailsAsync(EmailKind.FinalAgreementNotice, 5);
        var emailsAtFinalisation = world.Emails.Sent.Count;
        var finalisedOn = Day(Assert.Single((await world.GetAsync(id)).Timeline, t => t.Kind == "finalised").At);

        var late = await world.AnswerAsync(id, "pct", AnswerDecision.Object, "Too late.");
        var onBehalf = await world.Service.RecordOnBehalfAsync(id, "pct", "object", "Too late.", "Phoned in", "admin@laa.example");

        Assert.Equal(AnswerSinkStatus.Closed, late.Status);
        Assert.Equal($"The agreement was finalised on {finalisedOn}; answers are no longer accepted.", late.Reason);
        Assert.Equal(NegotiationResultStatus.NotAllowed, onBehalf.Status);
        Assert.Contains("has ended (finalised", onBehalf.Message, StringComparison.Ordinal);
        var final = await world.GetAsync(id);
        Assert.All(final.Partners, p => Assert.Equal(PartnerStatus.Endorsed, p.Status));
        Assert.Equal(emailsAtFinalisation, world.Emails.Sent.Count);
    }

    [Fact]
    public async Task InvalidRequest_EveryProblemNamed_NothingStarted()
    {
        await using var world = await StartAsync();
        var designated = Enumerable.Range(1, 37).Where(n => n != 31).Select(n => Requests.Target($"NI {n}", "police")).ToList();
        designated[3] = Requests.Target("NI 250", "police");
        designated[4] = Requests.Target("NI 5", "fire-service");
        var request = Requests.Compact.Valid(
            partners:
            [
                Requests.Partner("police"),
                Requests.Partner("police", "Primary Care Trust"),
                new PartnerRequest { Id = "jcp", Name = "Jobcentre Plus", Body = "Jobcentre Plus (Secretary of State, employment functions)", Contact = new ContactRequest { Name = "J" } },
            ],
            targets: designated,
            timetable: Requests.Compact.Timetable(response: s_signOff.AddDays(1)));

        var result = await world.StartRawAsync(request, "same-key");

        Assert.False(result.Started);
        var errors = result.Errors!;
        Assert.Contains("36 designated targets", errors["targets"][0], StringComparison.Ordinal);
        Assert.Contains("'NI 250' is not an indicator", errors["targets[3].indicator"][0], StringComparison.Ordinal);
        Assert.Contains("'fire-service' is not one of the partners", errors["targets[4].leadPartners[0]"][0], StringComparison.Ordinal);
        Assert.Contains("before signOffDeadline", errors["timetable.responseDeadline"][0], StringComparison.Ordinal);
        Assert.Contains("Duplicate partner id 'police'", errors["partners[1].id"][0], StringComparison.Ordinal);
        Assert.Contains("email address is required", errors["partners[2].contact.email"][0], StringComparison.Ordinal);
        Assert.Null(await world.Client.GetInstanceAsync(NegotiationIds.New("Sunderland", "same-key")));
        Assert.Empty((await world.Service.ListAsync()).Page!.Items);
        Assert.Empty(world.Emails.Sent);
    }

    [Fact]
    public async Task StartAsync_SameIdempotencyKeyTwice_ReturnsTheSameNegotiation()
    {
        await using var world = await StartAsync();

        var first = await world.StartRawAsync(Requests.Compact.Valid(), "lsp-sunderland-2008");
        var second = await world.StartRawAsync(Requests.Compact.Valid(), "lsp-sunderland-2008");

        Assert.Equal((true, false), (first.Started, first.AlreadyStarted));
        Assert.Equal((first.InstanceId, true), (second.InstanceId, second.AlreadyStarted));
        Assert.NotNull(await world.Client.GetInstanceAsync(first.InstanceId!));
        Assert.Equal(first.InstanceId, Assert.Single((await world.Service.ListAsync()).Page!.Items).Id);
    }
}
