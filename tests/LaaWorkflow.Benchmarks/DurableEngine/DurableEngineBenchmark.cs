using System.Diagnostics;
using System.Globalization;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// The Durable Task engine as the product runs it: the local task hub on DurableTask.AzureStorage against a private
/// Azurite (everything on disk, as a developer's), one host with the engine settings host.json chooses (any of them
/// replaced with <c>--set Key=Value</c>, e.g. <c>--set StorageProvider:ControlQueueBufferThreshold=64</c>).
/// Every figure is printed per second and as a ratio to Azurite's raw sequential insert and queue-send rates measured
/// in the same run, so runs on a loaded and a quiet machine compare; three runs, medians.
/// </summary>
internal sealed class DurableEngineBenchmark : IBenchmarkSuite
{
    /// <summary>What the retired home-made engine reached, as ratios to raw inserts (BENCHMARKS.md, 22 Nov 2026, medians of its runs).</summary>
    private static readonly Dictionary<string, double> s_oldEngine = new(StringComparer.Ordinal)
    {
        ["sequential"] = 0.047,
        ["fan-out"] = 0.058,
        ["events"] = 0.18,
        ["starts"] = 0.12,
    };

    public string Name => "durable";

    public string Description => "Durable Task engine on Azurite: activities, events, starts and a 25-partner round per second vs raw storage";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 3);
        var sequential = Option(args, "--sequential", 100);
        var fanOut = Option(args, "--fanout", 1_000);
        var instances = Option(args, "--instances", 200);
        var eventsEach = Option(args, "--events", 10);
        var starts = Option(args, "--starts", 300);
        var polling = TimeSpan.FromMilliseconds(Option(args, "--polling-ms", 100));
        var overrides = Overrides(args);
        var events = args.Contains("--engine-events") ? new EngineEvents() : null;
        Console.WriteLine($"durable benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}, " +
            $"MaxQueuePollingInterval {polling.TotalMilliseconds:0} ms, {runs} runs" +
            string.Concat(overrides.Select(o => $", {o.Key}={o.Value}")) + (events is null ? "" : ", engine events counted"));

        // --azurite disk (the default: one process saving everything, as a developer runs it) or split (tables in
        // memory, queues and blobs on disk, three processes: the national simulation's layout).
        var split = Array.IndexOf(args, "--azurite") is var at and >= 0 && at + 1 < args.Length && args[at + 1] == "split";
        Console.WriteLine($"Azurite: {(split ? "split (tables in memory, queues and blobs on disk, three processes)" : "one process, everything on disk")}");
        await using var azurite = new AzuriteFixture { Persistence = split ? AzuritePersistence.TablesInMemory : AzuritePersistence.Disk };
        await azurite.InitializeAsync();
        try
        {
            return await RunAsync(azurite, new HubSettings(polling, overrides, events, args.Contains("--one-hub")), runs, sequential, fanOut, instances, eventsEach, starts);
        }
        catch (Exception) when (!azurite.IsRunning)
        {
            Console.Error.WriteLine($"Azurite exited with code {azurite.ExitCode}; its last output:\n{azurite.RecentOutput}");
            throw;
        }
    }

    private static async Task<int> RunAsync(AzuriteFixture azurite, HubSettings settings, int runs, int sequential, int fanOut, int instances, int events, int starts)
    {
        var rows = new List<Dictionary<string, double>>();
        BenchmarkHub? shared = null;
        for (var run = 1; run <= runs; run++)
        {
            // A task hub of its own for each run unless --one-hub: on Azurite an engine step costs more as the hub's
            // tables grow (BENCHMARKS.md), so runs on one hub measure the hub's size as much as the engine.
            var fresh = shared is null || !settings.OneHub;
            var hub = fresh ? await StartHubAsync(azurite, settings) : shared!;
            shared = hub;
            var (inserts, sends) = await RawRates.MeasureAsync(azurite.ConnectionString, run);
            var row = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["raw inserts"] = inserts,
                ["raw sends"] = sends,
            };
            settings.Events?.Take();
            row["sequential"] = await Shapes.ActivitiesAsync(hub.Client, "Sequential", sequential);
            settings.Report("sequential");
            row["fan-out"] = await Shapes.ActivitiesAsync(hub.Client, "FanOut", fanOut);
            settings.Report("fan-out");
            row["events"] = await Shapes.EventsAsync(hub.Client, $"events{run}", instances, events);
            settings.Report("events");
            row["starts"] = await Shapes.StartsAsync(hub.Client, $"starts{run}", starts);
            settings.Report("starts");
            row["negotiation"] = await NegotiationShape.RunAsync(hub, $"bench-round-{run}-{Guid.NewGuid():N}");
            settings.Report("negotiation");
            rows.Add(row);
            Console.WriteLine($"run {run}: " + string.Join(", ", row.Select(r => $"{r.Key} {r.Value:N1}/s")) + $" (load average {LoadAverage()})");
            if (!settings.OneHub || run == runs)
            {
                await hub.DisposeAsync();
            }
        }

        Print(rows, sequential, fanOut, instances, events, starts);
        Console.WriteLine($"{"peak working set of this process (MB)",-56} {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),10:N0}");
        return 0;
    }

    private static void Print(List<Dictionary<string, double>> rows, int sequential, int fanOut, int instances, int events, int starts)
    {
        (string Key, string Label)[] figures =
        [
            ("raw inserts", "Azurite raw single inserts (sequential)"),
            ("raw sends", "Azurite raw queue sends (sequential)"),
            ("sequential", $"sequential activities (1 orchestration x {sequential})"),
            ("fan-out", $"fan-out activities (1 orchestration x {fanOut:N0})"),
            ("events", $"external events ({instances} instances x {events})"),
            ("starts", $"orchestration starts ({starts}, to completion)"),
            ("negotiation", $"partner consultations (1 agreement x {NegotiationShape.Partners}, one round)"),
        ];
        Console.WriteLine();
        Console.WriteLine($"medians of {rows.Count} runs:");
        Console.WriteLine($"{"figure",-56} {"per s",10} {"/ raw inserts",14} {"/ raw sends",12} {"old engine / raw inserts",26}");
        foreach (var (key, label) in figures)
        {
            var perSecond = Median(rows.Select(r => r[key]));
            var toInserts = Median(rows.Select(r => r[key] / r["raw inserts"]));
            var toSends = Median(rows.Select(r => r[key] / r["raw sends"]));
            var old = s_oldEngine.TryGetValue(key, out var value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{label,-56} {perSecond,10:N1} {toInserts,14:N3} {toSends,12:N3} {old,26}");
        }
    }

    private static async Task<BenchmarkHub> StartHubAsync(AzuriteFixture azurite, HubSettings settings)
    {
        var hub = await BenchmarkHub.StartAsync(azurite.ConnectionString, settings.Polling, settings.Overrides, settings.Events);
        var engine = hub.Services.GetRequiredService<IOptions<TaskHubOptions>>().Value;
        Console.WriteLine($"engine: hub {engine.HubName}, {engine.StorageProvider.PartitionCount} partitions, {engine.MaxConcurrentActivityFunctions} activity and " +
            $"{engine.MaxConcurrentOrchestratorFunctions} orchestration slots, control-queue batch {engine.StorageProvider.ControlQueueBatchSize} and buffer " +
            $"{engine.StorageProvider.ControlQueueBufferThreshold}, extended sessions {(engine.ExtendedSessionsEnabled ? "on" : "off")}");
        await Shapes.RunAsync(hub.Client, "Sequential", 3); // warm-up: JIT, hub, leases
        await Shapes.RunAsync(hub.Client, "FanOut", 20);
        settings.Events?.Take();
        return hub;
    }

    /// <summary>Every <c>--set Key=Value</c>: a <c>DurableTask</c> setting to measure with instead of the suite's.</summary>
    private static Dictionary<string, string?> Overrides(string[] args)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set")
            {
                var (key, value) = args[i + 1].Split('=', 2) is [var k, var v] ? (k, v) : throw new ArgumentException($"--set takes Key=Value, not '{args[i + 1]}'.");
                overrides[key] = value;
            }
        }

        return overrides;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>How the hub runs, and the engine-event counter that explains its figures when asked for.</summary>
    private sealed record HubSettings(TimeSpan Polling, IReadOnlyDictionary<string, string?> Overrides, EngineEvents? Events, bool OneHub)
    {
        public void Report(string shape)
        {
            if (Events is null)
            {
                return;
            }

            var counts = Events.Take();
            Console.WriteLine($"  {shape} engine events: " + string.Join(", ", EngineEvents.Explaining.Select(name => $"{name} {counts.GetValueOrDefault(name)}")));
        }
    }
}
