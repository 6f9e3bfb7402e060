using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Negotiation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

public abstract partial class NegotiationScenarios
{
    [Fact]
    public async Task ConsultationLookup_BeforeAndAfterTheAnswer_ShowsThePartnersTargetsThenWhyItIsClosed()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddHours(1));
        var lookup = world.Host.Services.GetRequiredService<IConsultationLookup>();

        var open = await lookup.GetAsync(id, "pct", CancellationToken.None);
        await world.AnswerAsync(id, "pct", AnswerDecision.Endorse);
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
    public async Task DeliveryProblem_Bounce_FlagsThePartnerRecordsItAndTellsTheLeadOnce()
    {
        await using var world = await StartAsync();
        var id = await world.StartNegotiationAsync(Requests.Valid());
        await world.AdvanceToAsync(s_opens.AddHours(1));
        var sink = world.Host.Services.GetRequiredService<IDeliveryProblemSink>();

        await sink.ReportAsync(id, "jcp", "jcp@partners.example", "550 mailbox unavailable", CancellationToken.None);
        await sink.ReportAsync(id, "jcp", "jcp@partners.example", "550 mailbox unavailable", CancellationToken.None);

        var view = await world.GetAsync(id);
        Assert.True(view.Partners.Single(p => p.Id == "jcp").DeliveryProblem);
        Assert.False(view.Partners.Single(p => p.Id == "police").DeliveryProblem);
        Assert.Contains("550 mailbox unavailable", Assert.Single(view.Timeline, t => t.Kind == "delivery-problem").Text, StringComparison.Ordinal);
        var notice = Assert.Single(world.Emails.Of(EmailKind.DeliveryProblemNotice));
        Assert.Equal((Requests.LeadEmail, s_opens.AddHours(1)), (notice.To, notice.At));
        Assert.Equal(LaaWorkflow.Negotiation.Domain.PartnerStatus.Invited, view.Partners.Single(p => p.Id == "jcp").Status);
    }
}
