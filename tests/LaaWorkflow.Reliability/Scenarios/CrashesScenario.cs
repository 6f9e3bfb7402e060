using System.Globalization;
using LaaWorkflow.Reliability.Harness;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// The demonstration round on the Azure Storage backend while the host is SIGKILLed at random moments and restarted,
/// run after run until the kills reach <see cref="ReliabilityOptions.CrashPoints"/>; each run must end as an unharmed
/// baseline run did (phases, partner statuses, timelines without timestamps, the same emails once each, allowing for
/// the reminders a delayed answer brings; see <see cref="RunChecks"/>), with every confirmed answer kept.
/// </summary>
internal sealed class CrashesScenario : IReliabilityScenario
{
    public string Name => "crashes";

    /// <summary>
    /// Kills per run at most; more runs are made until the total is reached. With the pauses below a run spends about
    /// a third of its time recovering: denser kills leave the engine so far behind the calendar that partners' answers
    /// land after the sign-off deadline, which tests the pace rather than recovery.
    /// </summary>
    internal static int KillsPerRun { get; set; } = 10;

    /// <summary>The longest random pause between a host's restart and the next kill (the shortest is a tenth of it).</summary>
    internal static TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Added to the first pause: how long after the run starts the first kill may come at the earliest.</summary>
    internal static TimeSpan FirstKillAfter { get; set; } = TimeSpan.Zero;

    internal static IReadOnlyList<string>? Areas { get; set; }

    public async Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var areas = Areas ?? ScenarioContext.AllAreas;
        var baseline = await Baselines.GetAsync(areas, ScenarioContext.LogFolder, cancellationToken);
        var notes = new List<string> { $"baseline {baseline.Took.TotalMinutes:F1} min" };
        if (baseline.Findings.Failed)
        {
            return new ScenarioResult(Name, 0, 1, baseline.Findings.AnswersLost, baseline.Findings.DuplicateEmails, baseline.Findings.InstancesUnfinished,
                "the unharmed baseline itself failed: " + string.Join("; ", baseline.Findings.Problems.Take(3)));
        }

        var random = new Random(options.Seed);
        int runs = 0, failures = 0, lost = 0, duplicates = 0, unfinished = 0, kills = 0, timing = 0;
        while (kills < options.CrashPoints)
        {
            runs++;
            var (findings, made, end) = await RunOnceAsync(runs, areas, random, Math.Min(KillsPerRun, options.CrashPoints - kills), baseline.End, cancellationToken);
            kills += made;
            timing += RunChecks.TimingEmailsDiffering(end, baseline.End);
            lost += findings.AnswersLost;
            duplicates += findings.DuplicateEmails;
            unfinished += findings.InstancesUnfinished;
            if (findings.Failed)
            {
                failures++;
                notes.Add($"run {runs}: " + string.Join("; ", findings.Problems.Take(3)));
            }

            Progress.Line($"  crashes run {runs}: {made} kills, {(findings.Failed ? "FAILED: " + string.Join("; ", findings.Problems.Take(3)) : "ok")}");
            if (made == 0)
            {
                notes.Add($"run {runs} ended before any kill; stopping");
                failures++;
                break;
            }
        }

        notes.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"{kills} kills over {runs} runs of {areas.Count} areas at {Rehearsal.SecondsPerDay} s per business day; {timing} reminders, escalations or digests more or fewer than the baseline's"));
        return new ScenarioResult(Name, runs, failures, lost, duplicates, unfinished, string.Join("; ", notes));
    }

    private static async Task<(RunFindings Findings, int Kills, RunSnapshot End)> RunOnceAsync(
        int run, IReadOnlyList<string> areas, Random random, int killBudget, RunSnapshot baseline, CancellationToken cancellationToken)
    {
        await using var supervisor = await HostSupervisor.StartAsync(1, cancellationToken);
        using var stopKilling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gaps = Enumerable.Range(0, killBudget).Select(_ => MaxGap * (0.1 + (0.9 * random.NextDouble()))).ToList();
        if (gaps.Count > 0)
        {
            gaps[0] += FirstKillAfter;
        }
        var killer = KillAtRandomAsync(supervisor, gaps, stopKilling.Token);
        var play = DemoRun.PlayAsync(supervisor, areas, new FaultHooks(), Path.Combine(ScenarioContext.LogFolder, $"crashes-run{run}.log"), cancellationToken);
        try
        {
            await play;
        }
        finally
        {
            await stopKilling.CancelAsync();
            await killer;
        }

        await supervisor.WaitForInstancesToFinishAsync(TimeSpan.FromMinutes(3), cancellationToken);

        var end = await RunSnapshot.ReadAsync(supervisor, areas, cancellationToken);
        var findings = RunChecks.Check(end, (await play).Confirmed, areas, baseline);
        if (findings.Failed)
        {
            ScenarioContext.SaveHostOutput($"crashes-run{run}", supervisor.HostOutput());
        }

        return (findings, supervisor.Kills, end);
    }

    private static async Task KillAtRandomAsync(HostSupervisor supervisor, IReadOnlyList<TimeSpan> gaps, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var gap in gaps)
            {
                // The pause is the fault's random moment, not a wait for something to happen.
                await Task.Delay(gap, cancellationToken);
                // Not cancelled with the killer: a host half restarted would be left down.
                await supervisor.KillAsync(0, restart: true, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended first.
        }
    }
}
