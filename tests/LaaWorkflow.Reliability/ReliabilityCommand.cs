using System.Diagnostics;
using System.Globalization;
using LaaWorkflow.Reliability.Report;
using LaaWorkflow.Reliability.Scenarios;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Reliability;

/// <summary>
/// <c>reliability [--only a,b] [--crash-points N] [--seed N] [--report PATH]</c>: runs the scenarios (every class
/// implementing <see cref="IReliabilityScenario"/> with a parameterless constructor), prints the table, writes the
/// report, and exits 1 when any row has a failure (2 on bad arguments).
/// </summary>
internal static class ReliabilityCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ReliabilityOptions options;
        string report;
        try
        {
            (options, report) = Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            await Console.Error.WriteLineAsync("usage: reliability [--only name[,name]] [--crash-points N] [--seed N] [--report PATH]");
            return 2;
        }

        var scenarios = Discover();
        var unknown = options.Only.Except(scenarios.Select(s => s.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", scenarios.Select(s => s.Name))}.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        ScenarioContext.LogFolder = Path.Combine(AzuriteLocator.FindRepositoryRoot(), "artifacts", "reliability");
        Progress.Line($"Reliability run, seed {options.Seed}, {options.CrashPoints} crash points; run logs in {ScenarioContext.LogFolder}");
        var started = Stopwatch.StartNew();
        var rows = new List<ScenarioResult>();
        foreach (var scenario in scenarios.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name, StringComparer.Ordinal)))
        {
            Progress.Line($"{scenario.Name}...");
            var watch = Stopwatch.StartNew();
            ScenarioResult row;
            try
            {
                row = await scenario.RunAsync(options, stop.Token);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // A scenario that cannot finish is a failed row, with its reason, not the end of the report.
                row = new ScenarioResult(scenario.Name, 0, 1, 0, 0, 0, $"did not complete: {error.GetType().Name}: {error.Message}");
            }

            rows.Add(row with { Notes = $"{row.Notes} ({watch.Elapsed.TotalMinutes:F1} min)" });
            Progress.Line($"{scenario.Name}: {(row.Failures == 0 ? "passed" : "FAILED")} in {watch.Elapsed.TotalMinutes:F1} min");
        }

        var table = ReliabilityReport.Table(rows);
        Console.WriteLine();
        Console.WriteLine(table);
        var command = "bash scripts/reliability.sh " + string.Join(' ', args);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
        await File.WriteAllTextAsync(report, ReliabilityReport.Markdown(rows, options, command.Trim(), started.Elapsed, scenarios));
        Progress.Line($"Wrote {report} in {started.Elapsed.TotalMinutes:F1} min.");
        return rows.Any(r => r.Failures > 0) ? 1 : 0;
    }

    /// <summary>Every scenario class in this assembly, by name; another scenario is added by adding its class.</summary>
    internal static IReadOnlyList<IReliabilityScenario> Discover() =>
    [
        .. typeof(IReliabilityScenario).Assembly.GetTypes()
            .Where(t => typeof(IReliabilityScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IReliabilityScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => Order(s.Name))
            .ThenBy(s => s.Name, StringComparer.Ordinal),
    ];

    internal static (ReliabilityOptions Options, string Report) Parse(string[] args)
    {
        var only = new List<string>();
        int crashPoints = new ReliabilityOptions().CrashPoints, seed = new ReliabilityOptions().Seed;
        var report = Path.Combine(AzuriteLocator.FindRepositoryRoot(), "RELIABILITY.md");
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--only":
                    only.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--crash-points":
                    crashPoints = Number(args[i], Value(), minimum: 1);
                    break;
                case "--seed":
                    seed = Number(args[i], Value(), minimum: int.MinValue);
                    break;
                case "--report":
                    report = Path.GetFullPath(Value());
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return (new ReliabilityOptions { Only = only, CrashPoints = crashPoints, Seed = seed }, report);
    }

    private static int Number(string name, string text, int minimum) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{name} takes a whole number of at least {minimum}; '{text}' is not one.");

    // The process-level scenarios first, in the order the issue lists them; others after, by name.
    private static int Order(string name) => name switch
    {
        "crashes" => 0,
        "two-hosts" => 1,
        "storage-outage" => 2,
        _ => 3,
    };
}
