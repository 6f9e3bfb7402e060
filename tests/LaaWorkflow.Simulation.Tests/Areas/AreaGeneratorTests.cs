using System.Text.Json;
using LaaWorkflow.Negotiation.Reference;
using LaaWorkflow.Negotiation.Validation;
using LaaWorkflow.Simulation.Areas;

namespace LaaWorkflow.Simulation.Tests.Areas;

public sealed class AreaGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_GivesTheSameAreas()
    {
        var first = JsonSerializer.Serialize(AreaGenerator.Generate(20, 7).Select(a => new { a.Request, a.Fate, a.Partners, a.SpecialPartnerId }));
        var second = JsonSerializer.Serialize(AreaGenerator.Generate(20, 7).Select(a => new { a.Request, a.Fate, a.Partners, a.SpecialPartnerId }));
        var other = JsonSerializer.Serialize(AreaGenerator.Generate(20, 8).Select(a => new { a.Request, a.Fate, a.Partners, a.SpecialPartnerId }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_NationalRound_EveryRequestIsValidAndWithinTheRoundsLimits()
    {
        var areas = AreaGenerator.Generate(150, 2008);

        Assert.All(areas, area =>
        {
            Assert.NotNull(GovernmentOfficeRegions.Find(area.Request.GovernmentOffice));
            Assert.All(area.Request.Partners!, p => Assert.NotNull(PartnerBodies.Find(p!.Body)));
            Assert.All(area.Request.Targets!.Where(t => t!.Kind != "local"), t => Assert.True(NationalIndicatorSet.TryGet(t!.Indicator, out _), t!.Indicator));
            Assert.All(area.Request.Targets!, t => Assert.All(t!.LeadPartners!, lead => Assert.Contains(lead, area.Partners.Select(p => p.Id))));
            Assert.Equal(area.Request.Targets!.Count, area.Request.Targets.Select(t => t!.Indicator).Distinct().Count());
            Assert.InRange(area.Request.Partners!.Count, 15, 40);
            Assert.InRange(area.Request.Targets!.Count(t => t?.Kind == "designated"), 20, 35);
            Assert.Equal(area.Request.Partners.Select(p => p!.Id), area.Partners.Select(p => p.Id));
            Assert.InRange(area.Request.Timetable!.ConsultationOpens!.Value, AreaGenerator.FirstOpening, AreaGenerator.FirstOpening.AddDays(100));
        });
        Assert.Equal(150, areas.Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void Generate_NationalRound_HasEveryFateAndEveryTiming()
    {
        var areas = AreaGenerator.Generate(150, 2008);

        Assert.Equal(Enum.GetValues<AreaFate>().Order(), areas.Select(a => a.Fate).Distinct().Order());
        Assert.Equal(Enum.GetValues<PartnerTiming>().Order(), areas.SelectMany(a => a.Partners).Select(p => p.Timing).Distinct().Order());
        Assert.True(areas.Count(a => a.Fate == AreaFate.Agreed) > areas.Count / 2, "most areas agree without dispute");
        Assert.All(areas.Where(a => a.Fate != AreaFate.Agreed), a => Assert.Contains(a.SpecialPartnerId, a.Partners.Select(p => p.Id)));
    }

    [Fact]
    public void Revise_DisputingPartner_EasesOnlyTheLastYearOfTheirTargets()
    {
        var area = AreaGenerator.Generate(1, 3)[0];
        var lead = area.Request.Targets![0]!.LeadPartners![0]!;

        var revised = AreaGenerator.Revise(area.Request.Targets, lead, 1);

        for (var i = 0; i < revised.Count; i++)
        {
            var before = area.Request.Targets[i]!;
            var after = revised[i]!;
            var led = before.LeadPartners!.Contains(lead) && before.Trajectory is not null && before.Baseline is not null;
            Assert.Equal(before.Trajectory!["2009/10"], after.Trajectory!["2009/10"]);
            Assert.Equal(led, before.Trajectory["2010/11"] != after.Trajectory["2010/11"]);
        }
    }

    [Theory]
    [InlineData(AreaFate.PartnerSilent, "deadlineMissed", "noResponse")]
    [InlineData(AreaFate.ObjectionStands, "deadlineMissed", "objected")]
    [InlineData(AreaFate.ObjectionResolved, "finalised", "endorsed")]
    [InlineData(AreaFate.ChangesRequested, "finalised", "endorsed")]
    [InlineData(AreaFate.GovernmentOfficeRejectsFirst, "finalised", "endorsed")]
    public void Expected_Fate_NamesThePhaseAndTheSpecialPartnersStatus(AreaFate fate, string phase, string status)
    {
        var area = AreaGenerator.Generate(1, 3)[0] with { Fate = fate, SpecialPartnerId = "special-partner" };
        area = area with { Partners = [.. area.Partners.Select((p, i) => i == 0 ? p with { Id = "special-partner" } : p)] };

        var expected = area.Expected();

        Assert.Equal(phase, expected.Phase);
        Assert.Equal(status, expected.PartnerStatuses["special-partner"]);
    }
}
