using LaaWorkflow.Simulation.Driving;

namespace LaaWorkflow.Simulation.Tests.Driving;

public sealed class CatchUpReadsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 5, 21, 45, 0, TimeSpan.Zero);

    [Fact]
    public void Due_BeforeTenSeconds_Nothing_ThenFromTheMarginBeforeThePreviousRead()
    {
        var reads = new CatchUpReads(s_start);

        Assert.Null(reads.Due(s_start.AddSeconds(9.9)));
        Assert.Equal(s_start - CatchUpReads.Margin, reads.Due(s_start.AddSeconds(10)));
        Assert.Null(reads.Due(s_start.AddSeconds(15)));
        Assert.Equal(s_start.AddSeconds(10) - CatchUpReads.Margin, reads.Due(s_start.AddSeconds(75)));
    }

    [Fact]
    public void Due_LooksFarApart_EveryMessageLandingWithinTheMarginIsRead()
    {
        // Looks come every second when the driver is idle and up to a minute apart when a look sends many answers; a
        // message may land up to the margin after its stamp. Each one must fall in a catch-up read made after it landed.
        var random = new Random(2008);
        var reads = new CatchUpReads(s_start);
        var catchUps = new List<(DateTimeOffset At, DateTimeOffset From)>();
        var look = s_start;
        while (look < s_start.AddHours(1))
        {
            look = look.AddSeconds(random.Next(4) == 0 ? random.Next(5, 60) : 1);
            if (reads.Due(look) is { } from)
            {
                catchUps.Add((look, from));
            }
        }

        for (var i = 0; i < 5_000; i++)
        {
            var stamp = s_start.AddSeconds(random.NextDouble() * 3_000);
            var landed = stamp + CatchUpReads.Margin * random.NextDouble();
            Assert.True(
                catchUps.Any(c => c.At >= landed && c.From <= stamp),
                $"A message stamped {stamp:HH:mm:ss.fff} that landed at {landed:HH:mm:ss.fff} was in no catch-up read.");
        }
    }
}
