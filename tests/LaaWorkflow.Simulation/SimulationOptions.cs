using System.Globalization;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Simulation;

/// <summary>The command line: <c>--areas N --hosts 1|2|both --seed N --partitions N --pace S --out DIR</c>.</summary>
internal sealed record SimulationOptions(int Areas, IReadOnlyList<int> HostCounts, int Seed, int Partitions, string OutputFolder)
{
    private const double DefaultSecondsPerDay = 20;

    /// <summary>
    /// Real seconds per business day of the round's shared calendar (<c>--pace</c>). Timers and answers arrive late by
    /// the engine's latency (queue polling, episodes), so the pace keeps that a small part of a business day. The
    /// default, 20 s, is the fastest pace at which a national round on a 2-core machine matched every outcome
    /// (BENCHMARKS.md); at 14 s the March peak outran the engine.
    /// </summary>
    public double SecondsPerDay { get; init; } = DefaultSecondsPerDay;

    /// <summary>
    /// How Azurite keeps its data: <c>--azurite split</c> (the default) runs tables in memory and queues and blobs on
    /// disk, three processes; <c>disk</c> and <c>memory</c> are one process as a developer runs it. Only the split
    /// carries a whole national round (BENCHMARKS.md): on disk Azurite aborts serialising its table database, and in
    /// memory its sweep of deleted queue messages stops it answering for minutes.
    /// </summary>
    public AzuritePersistence Azurite { get; init; } = AzuritePersistence.TablesInMemory;

    public const string Usage = "usage: LaaWorkflow.Simulation [--areas 150] [--hosts 1|2|both] [--seed 2008] [--partitions 4] [--pace 20] [--out artifacts/simulation] [--azurite split|disk|memory]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static SimulationOptions Parse(IReadOnlyList<string> args)
    {
        var areas = 150;
        IReadOnlyList<int> hosts = [1, 2];
        var seed = 2008;
        var partitions = 4;
        var output = Path.Combine("artifacts", "simulation");
        var azurite = AzuritePersistence.TablesInMemory;
        var pace = DefaultSecondsPerDay;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--areas":
                    areas = Number("--areas", Value(), 1, 1000);
                    break;
                case "--hosts":
                    var value = Value();
                    hosts = value switch
                    {
                        "1" => [1],
                        "2" => [2],
                        "both" => [1, 2],
                        _ => throw new ArgumentException($"--hosts must be 1, 2 or both, not '{value}'. {Usage}"),
                    };
                    break;
                case "--seed":
                    seed = Number("--seed", Value(), 0, int.MaxValue);
                    break;
                case "--partitions":
                    partitions = Number("--partitions", Value(), 1, 16);
                    break;
                case "--pace":
                    var seconds = Value();
                    pace = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0.05 && p <= 3600
                        ? p
                        : throw new ArgumentException($"--pace must be real seconds per business day from 0.05 to 3600, not '{seconds}'. {Usage}");
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--azurite":
                    var storage = Value();
                    azurite = storage switch
                    {
                        "split" => AzuritePersistence.TablesInMemory,
                        "memory" => AzuritePersistence.Memory,
                        "disk" => AzuritePersistence.Disk,
                        _ => throw new ArgumentException($"--azurite must be split, disk or memory, not '{storage}'. {Usage}"),
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}");
            }
        }

        return new SimulationOptions(areas, hosts, seed, partitions, output) { Azurite = azurite, SecondsPerDay = pace };
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{value}'. {Usage}");
}
