using LaaWorkflow.Simulation.Areas;
using LaaWorkflow.Simulation.Driving;
using LaaWorkflow.Simulation.Reporting;

namespace LaaWorkflow.Simulation;

/// <summary>What a simulation produced: each run's result and the report in both forms.</summary>
internal sealed record SimulationReport(IReadOnlyList<RunResult> Runs, string Markdown, string Html)
{
    /// <summary>Every run completed and every negotiation in it ended as its simulated answers imply.</summary>
    public bool Passed => Runs.Count > 0 && Runs.All(r => r.AllMatch);
}

/// <summary>The whole command: generate the areas, run once per host count, report.</summary>
internal static class NationalSimulation
{
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var areas = AreaGenerator.Generate(options.Areas, options.Seed);
        log.WriteLine($"{areas.Count} areas from seed {options.Seed}: {areas.Sum(a => a.Partners.Count)} partners, " +
            $"{areas.Sum(a => a.Request.Targets!.Count(t => t?.Kind == "designated"))} designated targets; fates " +
            string.Join(", ", areas.GroupBy(a => a.Fate).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + ".");
        var runs = new List<RunResult>();
        foreach (var hosts in options.HostCounts)
        {
            var run = await SimulationRunner.RunAsync(areas, hosts, options.Partitions, options.SecondsPerDay, options.Azurite, options.OutputFolder, log, cancellationToken);
            log.WriteLine($"  {hosts} host(s): {run.WallSeconds:F1} s, {run.Results.Count(r => r.Matches)}/{run.Areas} outcomes match.");
            runs.Add(run);
        }

        var figures = runs.Select(r => new Figures(r)).ToList();
        var command = "bash scripts/simulate.sh --areas " + options.Areas + " --hosts " + (options.HostCounts.Count == 2 ? "both" : options.HostCounts[0].ToString(System.Globalization.CultureInfo.InvariantCulture)) + " --seed " + options.Seed
            + " --pace " + options.SecondsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var markdown = TextReport.Write(options, figures, command);
        return new SimulationReport(runs, markdown, HtmlReport.Write(markdown, figures));
    }
}
