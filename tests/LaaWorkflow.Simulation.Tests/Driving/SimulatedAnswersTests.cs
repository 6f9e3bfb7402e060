using System.Text.Json.Nodes;
using LaaWorkflow.Simulation.Areas;
using LaaWorkflow.Simulation.Driving;

namespace LaaWorkflow.Simulation.Tests.Driving;

public sealed class SimulatedAnswersTests
{
    private const string Link = "http://127.0.0.1:7071/api/respond/abc123";

    [Fact]
    public void React_InvitationToOnTimePartner_EndorsesAfterItsOwnDelayOnce()
    {
        var state = State(AreaFate.Agreed, PartnerTiming.OnTime, answerAfter: 6);

        var first = SimulatedAnswers.React(state, Email("PartnerInvitation", "n:p1:r1:invitation", "p1"));
        var resent = SimulatedAnswers.React(state, Email("PartnerInvitation", "n:p1:r1:invitation:cmd-1", "p1"));

        Assert.Equal(new SimulatedAnswers.Reaction(6, "answer", "p1", new Uri(Link), "endorse"), first);
        Assert.Null(resent);
    }

    [Theory]
    [InlineData(PartnerTiming.AfterReminder, "PartnerInvitation", false)]
    [InlineData(PartnerTiming.AfterReminder, "PartnerReminder", true)]
    [InlineData(PartnerTiming.AfterEscalation, "PartnerReminder", false)]
    [InlineData(PartnerTiming.AfterEscalation, "EscalationNotice", true)]
    public void React_LatePartner_AnswersOnlyOnceChased(PartnerTiming timing, string category, bool answers)
    {
        var state = State(AreaFate.Agreed, timing);

        var reaction = SimulatedAnswers.React(state, Email(category, "n:p1:r1:x", "p1"));

        Assert.Equal(answers, reaction is { Kind: "answer", AfterDays: 1, Decision: "endorse" });
    }

    [Fact]
    public void React_SilentPartner_IgnoresEverything()
    {
        var state = State(AreaFate.PartnerSilent, PartnerTiming.OnTime, special: "p1");

        Assert.Null(SimulatedAnswers.React(state, Email("PartnerInvitation", "n:p1:r1:invitation", "p1")));
        Assert.Null(SimulatedAnswers.React(state, Email("PartnerReminder", "n:p1:r1:reminder:14", "p1")));
        Assert.Null(SimulatedAnswers.React(state, Email("EscalationNotice", "n:p1:r1:escalation:1", "p1")));
    }

    [Theory]
    [InlineData(AreaFate.ObjectionStands, "object", "object")]
    [InlineData(AreaFate.ObjectionResolved, "object", "endorse")]
    [InlineData(AreaFate.ChangesRequested, "request-changes", "endorse")]
    public void React_DisputingPartner_FirstRoundDisputesSecondRoundAsTheFateSays(AreaFate fate, string first, string second)
    {
        var state = State(fate, PartnerTiming.OnTime, special: "p1");

        var round1 = SimulatedAnswers.React(state, Email("PartnerInvitation", "n:p1:r1:invitation", "p1"));
        var round2 = SimulatedAnswers.React(state, Email("PartnerInvitation", "n:p1:r2:invitation", "p1"));

        Assert.Equal(first, round1?.Decision);
        Assert.Equal(second, round2?.Decision);
    }

    [Fact]
    public void React_LeadNotices_LeadRevisesOnlyAsOftenAsTheFateAllows()
    {
        var state = State(AreaFate.ObjectionStands, PartnerTiming.OnTime, special: "p1");

        var first = SimulatedAnswers.React(state, Email("LeadAnswerNotice", "n:p1:r1:lead-notice", "p1"));
        var again = SimulatedAnswers.React(state, Email("LeadAnswerNotice", "n:p1:r2:lead-notice", "p1"));

        Assert.Equal(new SimulatedAnswers.Reaction(2, "revise", "p1"), first);
        Assert.Null(again);
    }

    [Theory]
    [InlineData(AreaFate.GovernmentOfficeRejectsFirst, 1, false)]
    [InlineData(AreaFate.GovernmentOfficeRejectsFirst, 2, true)]
    [InlineData(AreaFate.Agreed, 1, true)]
    public void React_Submission_GovernmentOfficeDecidesAsTheFateSays(AreaFate fate, int submission, bool approves)
    {
        var state = State(fate, PartnerTiming.OnTime);

        var reaction = SimulatedAnswers.React(state, Email("GovernmentOfficeSubmission", $"n:go:s{submission}:submission", null));

        Assert.Equal(new SimulatedAnswers.Reaction(3, "decide", Approve: approves), reaction);
    }

    [Theory]
    [InlineData("n:p1:r3:reminder:7", 3)]
    [InlineData("n:final:lead", 1)]
    public void RoundOf_EmailKey_ReadsTheRound(string key, int round) => Assert.Equal(round, SimulatedAnswers.RoundOf(key));

    private static AreaState State(AreaFate fate, PartnerTiming timing, string? special = null, int answerAfter = 3)
    {
        var template = AreaGenerator.Generate(1, 1)[0];
        var area = template with
        {
            Fate = fate,
            SpecialPartnerId = special,
            Partners = [new SimulatedPartner("p1", timing, answerAfter), new SimulatedPartner("p2", PartnerTiming.OnTime, 2)],
        };
        return new AreaState(area, "n");
    }

    private static JsonObject Email(string category, string key, string? partnerId) => new()
    {
        ["id"] = key,
        ["category"] = category,
        ["partnerId"] = partnerId,
        ["negotiationId"] = "n",
        ["text"] = $"Dear partner,\nanswer here: {Link}\nThank you.",
    };
}
