using System.Collections.Concurrent;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>Unharmed runs, one per set of areas, shared by every scenario of one command that compares against them.</summary>
internal static class Baselines
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(RunSnapshot End, RunFindings Findings, TimeSpan Took)>>> s_runs = new(StringComparer.Ordinal);

    public static Task<(RunSnapshot End, RunFindings Findings, TimeSpan Took)> GetAsync(IReadOnlyList<string> areas, string logFolder, CancellationToken cancellationToken) =>
        s_runs.GetOrAdd(string.Join(",", areas), _ => new Lazy<Task<(RunSnapshot, RunFindings, TimeSpan)>>(() => RunAsync(areas, logFolder, cancellationToken))).Value;

    private static async Task<(RunSnapshot, RunFindings, TimeSpan)> RunAsync(IReadOnlyList<string> areas, string logFolder, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await using var supervisor = await HostSupervisor.StartAsync(1, cancellationToken);
        var answers = await DemoRun.PlayAsync(supervisor, areas, new FaultHooks(), Path.Combine(logFolder, $"baseline-{areas.Count}-areas.log"), cancellationToken);
        await supervisor.WaitForInstancesToFinishAsync(TimeSpan.FromMinutes(3), cancellationToken);

        var end = await RunSnapshot.ReadAsync(supervisor, areas, cancellationToken);
        var findings = RunChecks.Check(end, answers.Confirmed, areas, baseline: null);
        // Every simulated partner answers when unharmed; one that never did shows a calendar too fast for the machine
        // (an invitation sent after the reminder its partner waits for was due), and would make a useless yardstick.
        var unsigned = end.Negotiations.SelectMany(n => n.Partners.Where(p => p.Contains("=noResponse@", StringComparison.Ordinal)).Select(p => $"{n.Area}: {p}")).ToList();
        if (unsigned.Count > 0)
        {
            findings = findings with { Problems = [.. findings.Problems, .. unsigned] };
        }

        Progress.Line($"  baseline of {areas.Count} areas: {(findings.Failed ? "FAILED: " + string.Join("; ", findings.Problems.Take(3)) : "ok")}");
        return (end, findings, DateTime.UtcNow - started);
    }
}
