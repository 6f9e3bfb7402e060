using LaaWorkflow.Simulation.Areas;

namespace LaaWorkflow.Simulation.Tests;

/// <summary>The whole command on a small round: real host process, private Azurite, every outcome checked.</summary>
public sealed class SmokeTests
{
    [Fact]
    public async Task RunAsync_ThreeAreasOneHost_EveryNegotiationEndsAsItsAnswersImply()
    {
        // Two partitions keep the hub small; the fates' logic has its own unit tests, this checks the whole path end to end.
        // Half a second per business day plays the eight months in about two minutes.
        var options = new SimulationOptions(3, [1], 11, 2, Path.Combine(Path.GetTempPath(), "laaworkflow-simulation-smoke")) { SecondsPerDay = 0.5 };
        using var log = new StringWriter();

        var report = await NationalSimulation.RunAsync(options, log, CancellationToken.None);

        var run = Assert.Single(report.Runs);
        Assert.True(report.Passed, log + "\n" + report.Markdown);
        Assert.Equal(3, run.Results.Count);
        Assert.True(run.StorageTotal > 0, "the host's counters were read");
        Assert.True(run.TimerLateness.Count > 0, "the timers' lateness was read from the History table");
        Assert.Contains("3/3 match", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("<svg", report.Html, StringComparison.Ordinal);
        Assert.Equal(AreaGenerator.Generate(3, 11).Select(a => a.Expected().Phase), run.Results.Select(r => r.ActualPhase));
    }
}
