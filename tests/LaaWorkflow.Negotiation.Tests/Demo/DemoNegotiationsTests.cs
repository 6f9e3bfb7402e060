using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Demo;

public sealed class DemoNegotiationsTests
{
    [Fact]
    public void All_ElevenDemonstrationAreas_AreEachValid()
    {
        var all = DemoNegotiations.All();

        Assert.Equal(
            ["Stockton", "Sunderland", "Leeds", "Manchester", "Coventry", "Leicester", "Essex", "Portsmouth", "Cornwall", "Westminster", "Lambeth"],
            all.Select(r => r.Area));
        foreach (var request in all)
        {
            var outcome = NegotiationValidator.Validate(request);
            Assert.True(outcome.IsValid, request.Area + ": " + string.Join("; ", outcome.Errors?.Select(e => e.Key + ": " + e.Value[0]) ?? []));
        }
    }

    [Fact]
    public void All_EachArea_Designates20To35TargetsAndSignsOffOn30June2008()
    {
        foreach (var request in DemoNegotiations.All())
        {
            var designated = request.Targets!.Count(t => t!.Kind == "designated");
            Assert.InRange(designated, 20, 35);
            Assert.Contains(request.Targets!, t => t!.Kind == "statutory");
            Assert.Contains(request.Targets!, t => t!.Kind == "local");
            Assert.Equal(new DateTimeOffset(2008, 6, 30, 17, 0, 0, TimeSpan.Zero), request.Timetable!.SignOffDeadline);
            Assert.InRange(request.Timetable.ConsultationOpens!.Value, new DateTimeOffset(2007, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2008, 4, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.All(request.Partners!, p => Assert.EndsWith(".example", p!.Contact!.Email, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void For_TwoTierArea_ConsultsDistrictCouncils()
    {
        var essex = DemoNegotiations.For("essex");

        Assert.Equal("East of England", essex.GovernmentOffice);
        Assert.Contains(essex.Partners!, p => p!.Body == "District council (two-tier areas)");
    }

    [Fact]
    public void For_UnknownArea_Throws() =>
        Assert.Throws<ArgumentException>(() => DemoNegotiations.For("Atlantis"));
}
