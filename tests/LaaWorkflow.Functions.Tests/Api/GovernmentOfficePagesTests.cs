using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Web.Api.Negotiations;

namespace LaaWorkflow.Functions.Tests.Api;

public sealed class GovernmentOfficePagesTests
{
    private static readonly DateTime s_at = new(2008, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Decision_OpensWithSummaryAndDecision_ThenCommentsHistoryAndTheDraftLink()
    {
        var page = GovernmentOfficePages.Decision(Agreement(), 2, "tok/en");

        var decision = page.IndexOf("id=\"decision-approve\"", StringComparison.Ordinal);
        Assert.True(page.IndexOf("1 of 2 endorsed", StringComparison.Ordinal) < decision);
        Assert.True(decision < page.IndexOf("Partners' answers", StringComparison.Ordinal));
        Assert.Contains("Endorsed &lt;at&gt; the board.", page, StringComparison.Ordinal);
        Assert.Contains("Asked for changes", page, StringComparison.Ordinal);
        Assert.Contains("The draft went back to the lead.", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"draft?token=tok%2Fen\">Read the draft agreement (submission 2)</a>", page, StringComparison.Ordinal);
        Assert.Contains("Lower is better", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_SentBackForCorrection_KeepsTheChoiceAndComment()
    {
        var page = GovernmentOfficePages.Decision(Agreement(), 1, "t", "Say what must change before the draft is returned.", "Half a <thought>", "return");

        Assert.Contains("value=\"return\" required checked", page, StringComparison.Ordinal);
        Assert.Contains(">Half a &lt;thought&gt;</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#comment\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_ListsEachTargetWithLeadPartnersAndDirection_AndLinksBack()
    {
        var page = GovernmentOfficePages.Draft(Agreement(), 1, "t");

        Assert.Contains("<td data-label=\"Lead partners\">Cleveland Police</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Direction\">Lower is better</td>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"decision?token=t\">Back to the decision</a>", page, StringComparison.Ordinal);
    }

    private static AgreementView Agreement() => new()
    {
        Id = "stockton-1",
        Area = "Stockton",
        ResponsibleAuthority = "Stockton-on-Tees Borough Council",
        GovernmentOffice = "North East",
        Period = "2008-2011",
        Phase = NegotiationPhase.GovernmentOffice,
        Round = 2,
        CreatedAt = s_at,
        Partners =
        [
            new() { Id = "police", Name = "Cleveland Police", Body = "Police", ContactEmail = "p@police.example", Status = PartnerStatus.Endorsed, Round = 2, AnsweredAt = s_at, Comment = "Endorsed <at> the board.", EscalationLevel = 0 },
            new() { Id = "fire", Name = "Cleveland Fire Authority", Body = "Fire", ContactEmail = "f@fire.example", Status = PartnerStatus.ChangesRequested, Round = 2, EscalationLevel = 0 },
        ],
        Targets =
        [
            new() { Indicator = "NI 16", Title = "Serious acquisitive crime rate", Kind = TargetKind.Designated, LeadPartners = ["police"], Baseline = 18.2m, Trajectory = new Dictionary<string, decimal> { ["2008/09"] = 17.5m }, HigherIsBetter = false },
        ],
        Timeline =
        [
            new() { At = s_at, Kind = "rejected", Source = AnswerSource.GovernmentOffice, Text = "The draft went back to the lead." },
        ],
        Timetable = new()
        {
            ConsultationOpens = s_at.AddMonths(-2),
            ResponseDeadline = s_at.AddMonths(-1),
            SignOffDeadline = s_at.AddMonths(2),
            ReminderDaysBefore = [7],
            EscalationEveryDays = 5,
            SignOffWarningDaysBefore = [14],
        },
    };
}
