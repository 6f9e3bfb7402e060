using LaaWorkflow.Reliability.Harness;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// Two hosts share the task hub; mid-run one of them is SIGKILLed and not restarted. Once its leases expire the
/// survivor takes its partitions and must finish every negotiation as the unharmed run of the same areas did, with
/// nothing lost and no email sent twice.
/// </summary>
internal sealed class TwoHostsScenario : IReliabilityScenario
{
    public string Name => "two-hosts";

    internal static IReadOnlyList<string>? Areas { get; set; }

    /// <summary>The longest random pause before the kill (the shortest is a third of it).</summary>
    internal static TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public async Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        // Four areas: enough work on both hosts for the kill to land mid-run, without a second full round.
        var areas = Areas ?? ScenarioContext.AllAreas.Take(4).ToList();
        var random = new Random(options.Seed + 2);
        var delay = MaxDelay * (0.34 + (0.66 * random.NextDouble()));
        var baseline = await Baselines.GetAsync(areas, ScenarioContext.LogFolder, cancellationToken);
        await using var supervisor = await HostSupervisor.StartAsync(2, cancellationToken);
        var play = DemoRun.PlayAsync(supervisor, areas, new FaultHooks(), Path.Combine(ScenarioContext.LogFolder, "two-hosts.log"), cancellationToken);
        var killedMidRun = false;
        // The kill's random moment: a pause, not a wait for something to happen.
        if (await Task.WhenAny(play, Task.Delay(delay, cancellationToken)) != play)
        {
            await supervisor.KillAsync(1, restart: false, CancellationToken.None);
            killedMidRun = !play.IsCompleted;
        }

        var answers = await play;
        await supervisor.WaitForInstancesToFinishAsync(TimeSpan.FromMinutes(3), cancellationToken);

        var end = await RunSnapshot.ReadAsync(supervisor, areas, cancellationToken);
        var findings = RunChecks.Check(end, answers.Confirmed, areas, baseline.End);
        var problems = findings.Problems.ToList();
        if (!killedMidRun)
        {
            problems.Add("the run ended before the second host was killed");
        }

        var failed = findings.Failed || problems.Count > 0;
        if (failed)
        {
            ScenarioContext.SaveHostOutput("two-hosts", supervisor.HostOutput());
        }

        return new ScenarioResult(Name, 1, failed ? 1 : 0, findings.AnswersLost, findings.DuplicateEmails, findings.InstancesUnfinished,
            $"second host killed after {delay.TotalSeconds:F0} s of {areas.Count} areas" + (problems.Count > 0 ? "; " + string.Join("; ", problems.Take(3)) : ""));
    }
}
