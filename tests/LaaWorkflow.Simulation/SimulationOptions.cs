using System.Globalization;

namespace LaaWorkflow.Simulation;

/// <summary>The command line: <c>--areas N --hosts 1|2|both --seed N --partitions N --out DIR</c>.</summary>
internal sealed record SimulationOptions(int Areas, IReadOnlyList<int> HostCounts, int Seed, int Partitions, string OutputFolder)
{
    /// <summary>
    /// Azurite saves its data to disk every few seconds, as a developer's Azurite does (the default,
    /// <c>--azurite disk</c>), or keeps it in memory only (<c>--azurite memory</c>), which leaves out the cost of
    /// those saves. Neither carries a whole 150-area round today (BENCHMARKS.md): on disk Azurite aborts while
    /// serialising its database to save it, and in memory the round stalls.
    /// </summary>
    public bool AzuriteInMemory { get; init; }

    public const string Usage = "usage: LaaWorkflow.Simulation [--areas 150] [--hosts 1|2|both] [--seed 2008] [--partitions 4] [--out artifacts/simulation] [--azurite disk|memory]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static SimulationOptions Parse(IReadOnlyList<string> args)
    {
        var areas = 150;
        IReadOnlyList<int> hosts = [1, 2];
        var seed = 2008;
        var partitions = 4;
        var output = Path.Combine("artifacts", "simulation");
        var inMemory = false;
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
                case "--out":
                    output = Value();
                    break;
                case "--azurite":
                    var storage = Value();
                    inMemory = storage switch
                    {
                        "memory" => true,
                        "disk" => false,
                        _ => throw new ArgumentException($"--azurite must be memory or disk, not '{storage}'. {Usage}"),
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}");
            }
        }

        return new SimulationOptions(areas, hosts, seed, partitions, output) { AzuriteInMemory = inMemory };
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{value}'. {Usage}");
}
