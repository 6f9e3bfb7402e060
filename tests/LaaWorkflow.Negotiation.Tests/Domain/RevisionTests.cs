using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Tests.Domain;

public sealed class RevisionTests
{
    private static Target T(string indicator, string lead, decimal year1 = 1) =>
        new(indicator, TargetKind.Designated, [lead], 0, new Dictionary<string, decimal> { ["2008/09"] = year1 });

    [Fact]
    public void PartnersToReconsult_OneTargetChanged_ConsultsItsLeadAndTheDisputers()
    {
        IReadOnlyList<Target> before = [T("NI 16", "police"), T("NI 39", "pct"), T("NI 152", "jcp")];
        IReadOnlyList<Target> after = [T("NI 16", "police"), T("NI 39", "pct", year1: 2), T("NI 152", "jcp")];

        var partners = Revision.PartnersToReconsult(before, after, ["fire"]);

        Assert.Equal(["fire", "pct"], partners);
        Assert.Equal(["NI 39"], Revision.ChangedTargets(before, after));
    }

    [Fact]
    public void PartnersToReconsult_TargetRemovedAndAdded_ConsultsBothLeads()
    {
        IReadOnlyList<Target> before = [T("NI 16", "police"), T("NI 39", "pct")];
        IReadOnlyList<Target> after = [T("NI 16", "police"), T("NI 40", "jcp")];

        Assert.Equal(["jcp", "pct"], Revision.PartnersToReconsult(before, after, []));
    }

    [Fact]
    public void PartnersToReconsult_NothingChanged_ConsultsOnlyTheDisputers() =>
        Assert.Empty(Revision.PartnersToReconsult([T("NI 16", "police")], [T("NI 16", "police")], []));
}
