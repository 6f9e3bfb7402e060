using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing.Durable;
using Xunit.Abstractions;

namespace LaaWorkflow.Durable.Tests.Replay.Randomised;

/// <summary>
/// The replay property: random orchestration programs (activities, retries, caught failures, timers, events with and
/// without timeouts, sub-orchestrations, WhenAll, WhenAny, ContinueAsNew) run to completion on the in-memory backend
/// with events raised at random virtual times; each execution, replayed from its own history and re-executed from
/// its inputs, reproduces every recorded action and result; and a mutated program is caught against that history.
/// A failure names the seed: set it in <see cref="Seeds"/> to repeat the run.
/// </summary>
public sealed class RandomReplayTests(ITestOutputHelper output)
{
    private const int ProgramsPerSeed = 75;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Replay_RandomProgramsRunToCompletion_ReproduceTheirHistoriesAndCatchMutations(int seed)
    {
        var generator = new ProgramGenerator(seed);
        var programs = Enumerable.Range(0, ProgramsPerSeed).ToDictionary(i => $"s{seed}-p{i:D3}", _ => generator.Next());
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddTasks(RandomProgramOrchestrator.Register).UseInMemoryBackend(), deadline: TimeSpan.FromSeconds(60));
        foreach (var (id, program) in programs)
        {
            await host.StartAsync(RandomProgramOrchestrator.Name, program, id);
        }

        // Every awaited event raised once, at a random virtual time in the first four days: before, while or after
        // the instance waits for it.
        var random = new Random(seed);
        var events = programs.SelectMany(p => p.Value.Events(p.Key))
            .Select(e => (At: TimeSpan.FromMinutes(random.Next(4 * 24 * 60)), e.InstanceId, e.EventName))
            .OrderBy(e => e.At)
            .ToList();
        foreach (var (at, instanceId, eventName) in events)
        {
            await host.Clock.AdvanceToAsync(DurableTestHost.DefaultStart + at, host.NewDeadline());
            await host.Client.RaiseEventAsync(instanceId, eventName, $"{eventName}@{at.TotalMinutes}");
        }

        for (var day = 0; day < 20 && !await AllFinishedAsync(host, programs.Keys); day++)
        {
            await host.AdvanceAsync(TimeSpan.FromDays(1));
        }

        var instances = await AllInstancesAsync(host);
        var maxTimerDelay = host.Backend.Messages.MaxMessageDelay;
        var replayed = 0;
        var mutationsCaught = 0;
        var continued = 0;
        foreach (var instance in instances)
        {
            var context = $"seed {seed}, instance {instance.InstanceId}";
            Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{context} is {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
            var history = await host.Client.GetOrchestrationHistoryAsync(instance.InstanceId, host.NewDeadline());
            var divergence = ReplayCheck.FindDivergence(instance.InstanceId, history, new RandomProgramOrchestrator(), maxTimerDelay);
            Assert.True(divergence is null, $"{context}: {divergence}");
            replayed++;
            continued += history[0] is ExecutionStartedEvent { ContinuedFrom: not null } ? 1 : 0;

            if (programs.ContainsKey(instance.InstanceId))
            {
                var start = (ExecutionStartedEvent)history[0];
                var mutated = generator.Mutate(DurableJson.Deserialize<RandomProgram>(start.Input)!);
                IReadOnlyList<HistoryEvent> mutatedHistory = [start with { Input = DurableJson.Serialize(mutated) }, .. history.Skip(1)];
                var caught = ReplayCheck.FindDivergence(instance.InstanceId, mutatedHistory, new RandomProgramOrchestrator(), maxTimerDelay);
                Assert.True(caught is not null, $"{context}: a mutated program replayed without a complaint: {DurableJson.Serialize(mutated)}");
                mutationsCaught++;
            }
        }

        Assert.True(replayed > programs.Count, $"seed {seed}: sub-orchestrations replayed too ({replayed} executions for {programs.Count} programs)");
        Assert.Equal(programs.Count, mutationsCaught);

        // The programs exercised what they are meant to: continue-as-new, and event races won both ways.
        var outputs = instances.Select(i => i.SerializedOutput ?? "").ToList();
        Assert.True(continued > 0, $"seed {seed}: no program continued as new");
        Assert.Contains(outputs, o => o.Contains("timeout", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("any", StringComparison.Ordinal));
        output.WriteLine($"seed {seed}: {programs.Count} programs, {replayed} executions replayed ({continued} continued as new), {events.Count} events, {mutationsCaught} mutations caught");
    }

    private static async Task<bool> AllFinishedAsync(DurableTestHost host, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if ((await host.Client.GetInstanceAsync(id, cancellation: host.NewDeadline()))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<List<OrchestrationMetadata>> AllInstancesAsync(DurableTestHost host)
    {
        var all = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { PageSize = 1000, FetchInputsAndOutputs = true };
        do
        {
            var page = await host.Client.GetInstancesPageAsync(query, host.NewDeadline());
            all.AddRange(page.Instances);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        return all;
    }
}
