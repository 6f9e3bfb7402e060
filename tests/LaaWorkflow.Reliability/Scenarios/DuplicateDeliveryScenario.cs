using System.Globalization;
using LaaWorkflow.Reliability.Harness;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// <c>duplicate-delivery</c>: four demonstration negotiations on the real host, whose queue endpoint is a
/// <see cref="QueueProxy"/> in front of Azurite: every message put on a task hub queue is put twice (the copy one to ten
/// seconds later) and every batch the host receives is shuffled. Every negotiation must end as the
/// unharmed run of the same areas did, with each confirmed answer recorded, no email sent twice and no instance left
/// unfinished.
/// </summary>
internal sealed class DuplicateDeliveryScenario : IReliabilityScenario
{
    public string Name => "duplicate-delivery";

    internal static IReadOnlyList<string>? Areas { get; set; }

    public async Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var areas = Areas ?? ScenarioContext.AllAreas.Take(4).ToList();
        var baseline = await Baselines.GetAsync(areas, ScenarioContext.LogFolder, cancellationToken);
        var proxy = new QueueProxyOptions(options.Seed, HostSupervisor.HubName.ToLowerInvariant() + "-");
        await using var supervisor = await HostSupervisor.StartAsync(1, cancellationToken, proxy);
        var answers = await DemoRun.PlayAsync(supervisor, areas, new FaultHooks(), Path.Combine(ScenarioContext.LogFolder, "duplicate-delivery.log"), cancellationToken);
        await supervisor.WaitForInstancesToFinishAsync(TimeSpan.FromMinutes(3), cancellationToken);
        var end = await RunSnapshot.ReadAsync(supervisor, areas, cancellationToken);
        var findings = RunChecks.Check(end, answers.Confirmed, areas, baseline.End);
        if (findings.Failed)
        {
            ScenarioContext.SaveHostOutput("duplicate-delivery", supervisor.HostOutput());
        }

        var queues = supervisor.Proxy!;
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"seed {options.Seed}; {areas.Count} areas, {answers.Confirmed.Count} answers; {queues.Copies} extra copies of {queues.Messages} queue messages "
            + $"({queues.CopiesHeldBack} held back), {queues.BatchesShuffled} batches shuffled; {end.Emails.Count} emails");
        return new ScenarioResult(Name, 1, findings.Failed ? 1 : 0, findings.AnswersLost, findings.DuplicateEmails, findings.InstancesUnfinished,
            notes + (findings.Problems.Count > 0 ? "; " + string.Join("; ", findings.Problems.Take(3)) : ""));
    }
}
