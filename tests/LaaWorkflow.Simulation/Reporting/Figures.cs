using LaaWorkflow.Simulation.Driving;
using LaaWorkflow.Simulation.Measuring;

namespace LaaWorkflow.Simulation.Reporting;

/// <summary>The derived figures of a run: rates, per-negotiation costs, CPU shares, memory by progress, the bound.</summary>
internal sealed class Figures(RunResult run)
{
    public RunResult Run => run;

    public long EmailsSent => run.Emails.Values.Sum();

    public double PerSecond(long total) => run.WallSeconds <= 0 ? 0 : total / run.WallSeconds;

    public double PerNegotiation(long total) => run.Areas == 0 ? 0 : (double)total / run.Areas;

    /// <summary>A process's CPU over the run as a share of one core.</summary>
    public double CoreShare(double cpuSeconds) => run.WallSeconds <= 0 ? 0 : cpuSeconds / run.WallSeconds;

    public int Finished => run.Results.Count(r => r.ActualPhase is "finalised" or "deadlineMissed" or "withdrawn");

    public int Matching => run.Results.Count(r => r.Matches);

    /// <summary>Host memory when a quarter, half, three quarters and all of the negotiations had ended.</summary>
    public IReadOnlyList<(int Finished, long Rss, long Managed)> MemoryByProgress()
    {
        var result = new List<(int, long, long)>();
        foreach (var quarter in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            var needed = (int)Math.Ceiling(run.Areas * quarter);
            var sample = run.Samples.FirstOrDefault(s => s.Finished >= needed);
            if (sample is not null && (result.Count == 0 || result[^1].Item1 != sample.Finished))
            {
                result.Add((sample.Finished, sample.HostRssBytes.Sum(), sample.HostManagedBytes.Sum()));
            }
        }

        if (run.Samples.Count > 0 && (result.Count == 0 || result[^1].Item1 < run.Samples[^1].Finished))
        {
            var last = run.Samples[^1];
            result.Add((last.Finished, last.HostRssBytes.Sum(), last.HostManagedBytes.Sum()));
        }

        return result;
    }

    /// <summary>What bounded the run, from the CPU split: a process near a full core is the bound.</summary>
    public string Bound()
    {
        // Each Azurite process is one Node.js thread: the busiest one is the candidate bound, not their sum.
        var (busiest, busiestSeconds) = run.AzuriteCpuSecondsByProcess.Count == 0
            ? new KeyValuePair<string, double>("blob, queue, table", run.AzuriteCpuSeconds)
            : run.AzuriteCpuSecondsByProcess.MaxBy(p => p.Value);
        var azurite = CoreShare(busiestSeconds);
        var hosts = run.HostCpuSeconds.Select(CoreShare).ToList();
        var hostText = string.Join(" + ", hosts.Select(h => $"{h:P0}"));
        var split = run.AzuriteCpuSecondsByProcess.Count > 1
            ? " (" + string.Join(", ", run.AzuriteCpuSecondsByProcess.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {CoreShare(p.Value):P0}")) + ")"
            : "";
        if (azurite >= 0.8 && hosts.All(h => h < azurite))
        {
            return $"Azurite: the single Node.js thread serving {busiest} used {azurite:P0} of a core over the whole run{split}, the host(s) {hostText}. " +
                "An Azurite process serves one request at a time, so it is the bound.";
        }

        if (hosts.Any(h => h >= 0.8))
        {
            return $"the host's own CPU ({hostText} of a core) while Azurite used {azurite:P0}: our code is the bound.";
        }

        var machine = (run.AzuriteCpuSeconds + run.HostCpuSeconds.Sum() + run.DriverCpuSeconds) / Math.Max(1e-9, run.WallSeconds * Environment.ProcessorCount);
        return $"neither process was near a full core (Azurite {azurite:P0}{split}, host(s) {hostText}; together with this driver they used {machine:P0} of the machine's " +
            $"{Environment.ProcessorCount} cores, load average {run.LoadAverageStart:F1}-{run.LoadAverageEnd:F1}). The wall time is the pace's: the calendar, not the engine, " +
            "sets how long the round takes, and the engine's latency shows as the lateness of timers and events" +
            (run.LoadAverageStart > Environment.ProcessorCount * 2 ? ", much of it waiting for CPU other work on the machine held." : ".");
    }

    /// <summary>Per-second rates of a counter between samples, averaged over a few seconds to read as a line.</summary>
    public IReadOnlyList<(double X, double Y)> Rate(Func<Sample, double> value, int window = 5)
    {
        var samples = run.Samples;
        var points = new List<(double, double)>();
        for (var i = window; i < samples.Count; i += 1)
        {
            var dt = samples[i].Seconds - samples[i - window].Seconds;
            points.Add((samples[i].Seconds, dt <= 0 ? 0 : (value(samples[i]) - value(samples[i - window])) / dt));
        }

        return points;
    }
}
