using LaaWorkflow.Simulation.Driving;

namespace LaaWorkflow.Simulation.Tests.Driving;

public sealed class RoundCalendarTests
{
    private static readonly DateTimeOffset s_anchor = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_started = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BusinessAt_TwoSecondsPerDay_TenRealSecondsAreFiveBusinessDays()
    {
        var calendar = new RoundCalendar(s_anchor, s_started, 2);

        Assert.Equal(s_anchor.AddDays(5), calendar.BusinessAt(s_started.AddSeconds(10)));
    }

    [Fact]
    public void RealAt_OfBusinessAt_GivesTheSameInstant()
    {
        var calendar = new RoundCalendar(s_anchor, s_started, 0.5);
        var real = s_started.AddSeconds(37.25);

        Assert.Equal(real, calendar.RealAt(calendar.BusinessAt(real)));
    }

    [Fact]
    public void BusinessHours_OneRealSecondAtTwoSecondsPerDay_IsTwelveHours()
    {
        Assert.Equal(12, new RoundCalendar(s_anchor, s_started, 2).BusinessHours(TimeSpan.FromSeconds(1)), 6);
    }

    [Fact]
    public void Rehearse_Request_CarriesTheSharedPace()
    {
        var calendar = new RoundCalendar(s_anchor, s_started, 2);
        var request = LaaWorkflow.Simulation.Areas.AreaGenerator.Generate(1, 3)[0].Request;

        var rehearsal = calendar.Rehearse(request);

        Assert.Equal((s_anchor, s_started, 2.0), (rehearsal.Pace!.Anchor!.Value, rehearsal.Pace.StartedAt!.Value, rehearsal.Pace.SecondsPerDay!.Value));
        Assert.Same(request.Partners, rehearsal.Partners);
        Assert.Same(request.Timetable, rehearsal.Timetable);
    }
}
