using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Tests.Domain;

public sealed class RefreshTests
{
    private static Target T(string indicator, string lead, TargetKind kind = TargetKind.Designated, decimal lastYear = 3) =>
        new(indicator, kind, [lead], 0, new Dictionary<string, decimal> { ["2008/09"] = 1, ["2009/10"] = 2, ["2010/11"] = lastYear });

    [Fact]
    public void Compare_ChangedAddedDroppedUnchanged_ListsEveryTargetOfBothVersionsOnce()
    {
        IReadOnlyList<Target> before = [T("NI 16", "police"), T("NI 39", "pct"), T("NI 152", "jcp"), T("Footfall", "bid", TargetKind.Local)];
        IReadOnlyList<Target> after = [T("NI 16", "police", lastYear: 4), T("NI 39", "pct"), T("Footfall", "bid", TargetKind.Local, lastYear: 5), T("NI 40", "pct")];

        var changes = Refresh.Compare(before, after);

        Assert.Equal(
            [("NI 16", TargetChangeKind.Changed), ("NI 39", TargetChangeKind.Unchanged), ("NI 152", TargetChangeKind.Dropped), ("Footfall", TargetChangeKind.Changed), ("NI 40", TargetChangeKind.Added)],
            changes.Select(c => (c.Indicator, c.Change)));
        Assert.Null(changes.Single(c => c.Indicator == "NI 40").Before);
        Assert.Null(changes.Single(c => c.Indicator == "NI 152").After);
        Assert.Equal("NI 16, Footfall changed; NI 40 added; NI 152 dropped; 1 target unchanged", Refresh.Describe(changes));
    }

    [Fact]
    public void NeedsGovernmentOffice_OnlyLocalOrStatutoryChanged_IsFalse_ADesignatedOneChangedOrDropped_IsTrue()
    {
        IReadOnlyList<Target> before = [T("NI 16", "police"), T("NI 72", "la", TargetKind.Statutory), T("Footfall", "bid", TargetKind.Local)];

        Assert.False(Refresh.NeedsGovernmentOffice(Refresh.Compare(before, [T("NI 16", "police"), T("NI 72", "la", TargetKind.Statutory, 9), T("Footfall", "bid", TargetKind.Local, 9)])));
        Assert.True(Refresh.NeedsGovernmentOffice(Refresh.Compare(before, [T("NI 16", "police", lastYear: 9), T("NI 72", "la", TargetKind.Statutory), T("Footfall", "bid", TargetKind.Local)])));
        Assert.True(Refresh.NeedsGovernmentOffice(Refresh.Compare(before, [T("NI 72", "la", TargetKind.Statutory), T("Footfall", "bid", TargetKind.Local)])));
    }

    [Fact]
    public void Line_ChangedTarget_SaysWhichValuesMoved()
    {
        var change = Refresh.Compare([T("NI 16", "police")], [T("NI 16", "police", lastYear: 2.5m)]).Single();

        Assert.Equal("NI 16 (designated, changed): 2010/11 3 to 2.5", Refresh.Line(change));
    }

    [Fact]
    public void Label_NamesTheVersion()
    {
        var original = new Agreement("Sunderland", "Sunderland City Council", "North East", "2008-2011", new Contact("L", "l@x.example"),
            new Contact("G", "g@x.example"), [], [], new Timetable(DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, [], 1));

        Assert.Equal("2008 agreement", Refresh.Label(original));
        Assert.Equal("2009 refresh of the 2008 agreement", Refresh.Label(original with { Refresh = new Refresh("a", "a", 2, "2009", []) }));
        Assert.Equal("a-refresh-2010", Refresh.IdFor("a", "2010"));
    }
}
