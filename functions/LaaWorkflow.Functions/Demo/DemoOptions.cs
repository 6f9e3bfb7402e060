using System.Globalization;

namespace LaaWorkflow.Functions.Demo;

/// <summary>Command line of the demo driver: <c>--demo [--url U] [--key K] [--until T] [--seconds N] [--real-time]</c>.</summary>
internal sealed record DemoOptions(Uri BaseUrl, string AdminKey, DateTimeOffset Until, TimeSpan Duration, bool RealTime)
{
    /// <summary>The demonstration areas to play (names as in <c>DemoNegotiations.Areas</c>); empty plays all eleven.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    public static bool IsRequested(string[] args) => args.Contains("--demo", StringComparer.Ordinal);

    public static DemoOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        return new DemoOptions(
            new Uri(Value("--url", "http://127.0.0.1:7071")),
            Value("--key", Environment.GetEnvironmentVariable("LAA_ADMIN_KEY") ?? ""),
            DateTimeOffset.Parse(Value("--until", "2008-07-10T00:00:00Z"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(Value("--seconds", "60"), CultureInfo.InvariantCulture)),
            args.Contains("--real-time", StringComparer.Ordinal));
    }
}
