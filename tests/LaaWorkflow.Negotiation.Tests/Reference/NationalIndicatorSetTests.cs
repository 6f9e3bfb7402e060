using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Tests.Reference;

public sealed class NationalIndicatorSetTests
{
    [Fact]
    public void All_Loaded_Holds198IndicatorsWithoutNi31()
    {
        var all = NationalIndicatorSet.All;

        Assert.Equal(198, all.Count);
        Assert.DoesNotContain(all, i => i.Code == "NI 31");
        Assert.Equal("NI 1", all[0].Code);
        Assert.Equal("NI 199", all[^1].Code);
    }

    [Fact]
    public void All_Loaded_KeepsTheTitleProvenance()
    {
        Assert.Contains(NationalIndicatorSet.All, i => i.TitleCheck == "disputed" && i.Code == "NI 113");
        Assert.All(NationalIndicatorSet.All, i => Assert.Contains(i.TitleCheck, new[] { "confirmed", "unverified", "disputed" }));
    }

    [Theory]
    [InlineData("NI 16")]
    [InlineData("ni16")]
    [InlineData(" NI-16 ")]
    public void TryGet_CodeWrittenLoosely_FindsTheIndicator(string code)
    {
        Assert.True(NationalIndicatorSet.TryGet(code, out var indicator));
        Assert.Equal("NI 16", indicator.Code);
        Assert.Equal("Serious acquisitive crime rate", indicator.Title);
    }

    [Theory]
    [InlineData("NI 31")]
    [InlineData("NI 200")]
    [InlineData("16")]
    [InlineData("")]
    public void TryGet_NotAnIndicator_ReturnsFalse(string code) =>
        Assert.False(NationalIndicatorSet.TryGet(code, out _));

    [Fact]
    public void PartnerBodies_Loaded_HoldTheActsPartnerAuthorities()
    {
        Assert.Equal(27, PartnerBodies.All.Count);
        Assert.Equal("LGPIH Act 2007 s104(2)", PartnerBodies.Find("chief officer of police")?.StatutoryBasis);
        Assert.Null(PartnerBodies.Find("Parish council"));
    }
}
