using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract class SinkScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    [Fact]
    public async Task ConsultationLookup_BeforeAndAfterTheAnswer_ShowsThePartnersTargetsThenWhyItIsClosed()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        await world.WaitUntilAsync(s_opens.AddHours(1));
        var lookup = world.Services.GetRequiredService<IConsultationLookup>();

        var open = await lookup.GetAsync(id, "pct", CancellationToken.None);
        await world.AnswerAndWaitAsync(id, "pct", AnswerDecision.Endorse);
        var closed = await lookup.GetAsync(id, "pct", CancellationToken.None);

        Assert.NotNull(open);
        Assert.True(open.IsOpen);
        Assert.Equal((1, new DateTimeOffset(s_deadline, TimeSpan.Zero), "Partner pct"), (open.CurrentRound, open.ResponseDeadline, open.PartnerName));
        Assert.Equal("NI 39", Assert.Single(open.Targets).IndicatorCode);
        Assert.False(closed!.IsOpen);
        Assert.Contains("already recorded", closed.ClosedReason, StringComparison.Ordinal);
        Assert.Null(await lookup.GetAsync(id, "nobody", CancellationToken.None));
        Assert.Null(await lookup.GetAsync("no-such-negotiation", "pct", CancellationToken.None));
    }

    [Fact]
    public async Task Answer_ToAConsultationTheEngineDoesNotHoldRunning_IsKeptForTheNextTryNotReportedTaken()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        // The read model says police is invited, but the engine no longer runs its consultation (as after a host died
        // between sending an episode's messages and storing it): an event raised to it now would be dropped.
        var consultation = Orchestrations.InstanceIds.Partner(id, "police", 1);
        await world.Client.TerminateInstanceAsync(consultation, "test: the consultation is not running");
        await world.Client.WaitForInstanceCompletionAsync(consultation, getInputsAndOutputs: false, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var answer = await world.AnswerAsync(id, "police", AnswerDecision.Endorse);
        var pct = await world.AnswerAsync(id, "pct", AnswerDecision.Endorse);

        Assert.Equal(AnswerSinkStatus.NotYet, answer.Status);
        Assert.Equal(AnswerSinkStatus.Accepted, pct.Status);
    }

    [Fact]
    public async Task DeliveryProblem_Bounce_FlagsThePartnerRecordsItAndTellsTheLeadOnce()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Compact.Valid());
        await world.WaitForConsultationAsync(id);
        var bouncedAt = s_opens.AddHours(1);
        await world.WaitUntilAsync(bouncedAt);
        var sink = world.Services.GetRequiredService<IDeliveryProblemSink>();

        await sink.ReportAsync(id, "jcp", "jcp@partners.example", "550 mailbox unavailable", CancellationToken.None);
        await sink.ReportAsync(id, "jcp", "jcp@partners.example", "550 mailbox unavailable", CancellationToken.None);

        var view = await world.WaitForViewAsync(
            id, v => v.Partners.Single(p => p.Id == "jcp").DeliveryProblem && v.Timeline.Any(t => t.Kind == "delivery-problem"), "jcp's delivery problem");
        Assert.False(view.Partners.Single(p => p.Id == "police").DeliveryProblem);
        // Each report is recorded at the business instant it came (two reports a moment apart may both show).
        var recorded = view.Timeline.Where(t => t.Kind == "delivery-problem").ToList();
        Assert.All(recorded, t => Assert.Contains("550 mailbox unavailable", t.Text, StringComparison.Ordinal));
        Assert.All(recorded, t => world.AssertAround(bouncedAt, t.At, "the delivery-problem entry"));
        var notice = Assert.Single(await world.WaitForEmailsAsync(EmailKind.DeliveryProblemNotice, 1));
        Assert.Equal(Requests.LeadEmail, notice.To);
        world.AssertAround(bouncedAt, notice.At, "the lead's notice");
        Assert.Equal(LaaWorkflow.Negotiation.Domain.PartnerStatus.Invited, view.Partners.Single(p => p.Id == "jcp").Status);
    }
}
