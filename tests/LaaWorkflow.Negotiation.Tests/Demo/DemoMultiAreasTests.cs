using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Demo;

public sealed class DemoMultiAreasTests
{
    [Fact]
    public void TeesValley_IsAValidMultiAreaAgreementOfItsFiveRealAuthorities()
    {
        var outcome = NegotiationValidator.Validate(DemoMultiAreas.TeesValley());

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors?.Select(e => e.Key + ": " + e.Value[0]) ?? []));
        var maa = outcome.Value!.MultiArea!;
        Assert.Equal(
            ["Darlington Borough Council", "Hartlepool Borough Council", "Middlesbrough Council", "Redcar and Cleveland Borough Council", "Stockton-on-Tees Borough Council"],
            maa.Authorities.Select(a => a.Name));
        Assert.Equal(["North East"], maa.Offices().Select(o => o.Region));
        Assert.Equal(["economy", "housing", "transport", "skills"], maa.Themes);
        // Each authority's LSP lead is consulted like a partner, so its endorsement runs through the same machinery.
        Assert.All(maa.Authorities, a => Assert.Equal(MultiArea.AuthorityBody, outcome.Value.FindPartner(a.Id)!.Body));
        Assert.Equal("Stockton-on-Tees Borough Council", outcome.Value.ResponsibleAuthority);
        Assert.All(outcome.Value.Partners, p => Assert.EndsWith(".example", p.Contact.Email, StringComparison.Ordinal));
    }
}
