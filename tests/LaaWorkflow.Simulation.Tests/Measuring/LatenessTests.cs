using LaaWorkflow.Simulation.Measuring;

namespace LaaWorkflow.Simulation.Tests.Measuring;

public sealed class LatenessTests
{
    [Fact]
    public void Of_HundredValues_GivesMedianP99AndMax()
    {
        var lateness = Lateness.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal((100, 50.0, 99.0, 100.0), (lateness.Count, lateness.MedianSeconds, lateness.P99Seconds, lateness.MaxSeconds));
    }

    [Fact]
    public void Of_Nothing_IsAllZero()
    {
        Assert.Equal(new Lateness(0, 0, 0, 0), Lateness.Of([]));
    }
}
