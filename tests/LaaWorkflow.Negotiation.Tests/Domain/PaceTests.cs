using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Tests.Domain;

public sealed class PaceTests
{
    private static readonly DateTime s_anchor = new(2008, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_startedAt = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ToBusiness_AtStartedAt_IsTheAnchor() =>
        Assert.Equal(s_anchor, new Pace(s_anchor, s_startedAt, 2).ToBusiness(s_startedAt));

    [Fact]
    public void ToReal_AtTheAnchor_IsStartedAt() =>
        Assert.Equal(s_startedAt, new Pace(s_anchor, s_startedAt, 2).ToReal(s_anchor));

    [Fact]
    public void ToBusiness_TwoSecondsPerDay_OneRealMinuteIsThirtyBusinessDays()
    {
        var pace = new Pace(s_anchor, s_startedAt, 2);

        Assert.Equal(s_anchor.AddDays(30), pace.ToBusiness(s_startedAt.AddMinutes(1)));
        Assert.Equal(s_anchor.AddDays(-1), pace.ToBusiness(s_startedAt.AddSeconds(-2)));
        Assert.Equal(s_startedAt.AddSeconds(7), pace.ToReal(s_anchor.AddDays(3.5)));
    }

    [Fact]
    public void ToRealThenToBusiness_AnyInstant_RoundTrips()
    {
        var pace = new Pace(s_anchor, s_startedAt, 0.75);
        DateTime[] instants = [s_anchor, s_anchor.AddHours(1), s_anchor.AddDays(17.25), s_anchor.AddDays(-3), new(2008, 6, 30, 17, 0, 0, DateTimeKind.Utc)];

        // Each conversion rounds to a tick; scaled back, that is well under a millisecond of business time.
        Assert.All(instants, at => Assert.Equal(at, pace.ToBusiness(pace.ToReal(at)), TimeSpan.FromMilliseconds(1)));
        Assert.All(instants, at => Assert.Equal(pace.ToReal(at), pace.ToReal(pace.ToBusiness(pace.ToReal(at))), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void ToBusiness_ADayADay_IsRealTimeShifted()
    {
        var pace = new Pace(s_anchor, s_startedAt, 86_400);

        Assert.Equal(s_anchor.AddHours(5), pace.ToBusiness(s_startedAt.AddHours(5)));
    }

    [Fact]
    public void BusinessAtAndRealAt_NoPace_AreRealTime()
    {
        Pace? none = null;

        Assert.Equal(s_startedAt, none.BusinessAt(s_startedAt));
        Assert.Equal(s_anchor, none.RealAt(s_anchor));
    }
}
