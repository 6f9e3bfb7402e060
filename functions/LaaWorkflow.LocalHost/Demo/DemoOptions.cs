using System.Globalization;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>Command line of the demo driver: <c>--demo [--url U] [--key K] [--from T] [--until T] [--seconds N] [--real-time] [--no-refresh]</c>.</summary>
/// <param name="BaseUrl">The host.</param>
/// <param name="AdminKey">The host's admin key.</param>
/// <param name="Until">The business instant the round is played to.</param>
/// <param name="Duration">Real time the round from <see cref="From"/> to <paramref name="Until"/> takes.</param>
/// <param name="RealTime">Runs the calendar at real speed instead (a day a day).</param>
internal sealed record DemoOptions(Uri BaseUrl, string AdminKey, DateTimeOffset Until, TimeSpan Duration, bool RealTime)
{
    /// <summary>The business instant the rehearsal's calendar starts from.</summary>
    public DateTimeOffset From { get; init; } = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Real seconds per business day of the rehearsal.</summary>
    public double SecondsPerDay => RealTime ? 86_400 : Duration.TotalSeconds / (Until - From).TotalDays;

    /// <summary>The demonstration areas to play (names as in <c>DemoNegotiations.Areas</c>); empty plays all eleven.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    /// <summary>
    /// The negotiations to play, in the order of <c>DemoNegotiations.All()</c> (the partners' behaviour follows the
    /// position); null plays the demonstration requests as they are. Fault runs pass them with shorter timetables.
    /// </summary>
    public IReadOnlyList<NegotiationRequest>? Requests { get; init; }

    /// <summary>
    /// Also plays the 2009 refresh of the first demonstration area to be signed off. The command line's demo does
    /// (unless <c>--no-refresh</c>); runs that compare against a recorded round of the eleven areas do not.
    /// </summary>
    public bool PlayRefresh { get; init; }

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
            TimeSpan.FromSeconds(int.Parse(Value("--seconds", "120"), CultureInfo.InvariantCulture)),
            args.Contains("--real-time", StringComparer.Ordinal))
        {
            From = DateTimeOffset.Parse(Value("--from", "2007-11-20T09:00:00Z"), CultureInfo.InvariantCulture),
            PlayRefresh = !args.Contains("--no-refresh", StringComparer.Ordinal),
        };
    }
}
