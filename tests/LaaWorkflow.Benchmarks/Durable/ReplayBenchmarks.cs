using System.Diagnostics;
using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Benchmarks.Durable;

/// <summary>
/// The durable runtime on the in-memory backend: episode throughput as history grows (with the per-instance replay
/// cache, and without it as the baseline), raw replay speed, and sequential and fan-out activity throughput.
/// </summary>
internal sealed class ReplayBenchmarks : IBenchmarkSuite
{
    private static readonly int[] HistoryLengths = [10, 100, 1_000];

    // Enough steps for the history to pass 1,000 events.
    private const int StampedSteps = 260;

    public string Name => "replay";

    public string Description => "durable replay engine and in-memory backend: steps/s by history length, activities/s";

    public async Task<int> RunAsync(string[] args)
    {
        var activities = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1_000;
        Console.WriteLine($"replay benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // Warm up the JIT on both paths so the first row is not a compile-time measurement.
        await MeasureStepTimesAsync(cache: true, instances: 2);
        await MeasureStepTimesAsync(cache: false, instances: 1);
        var cached = await MeasureStepTimesAsync(cache: true, instances: 20);
        var uncached = await MeasureStepTimesAsync(cache: false, instances: 4);

        Console.WriteLine();
        Console.WriteLine("Orchestration steps/s at a given history length (one step = one activity round trip = one episode;");
        Console.WriteLine("median time between consecutive steps of one instance, around the step where history reaches that length)");
        Console.WriteLine($"{"history events",15} {"cached steps/s",15} {"uncached steps/s",17} {"cached/uncached",16}");
        foreach (var length in HistoryLengths)
        {
            var cachedRate = StepsPerSecond(cached, length);
            var uncachedRate = StepsPerSecond(uncached, length);
            Console.WriteLine($"{length,15:N0} {cachedRate,15:N0} {uncachedRate,17:N0} {cachedRate / uncachedRate,15:N1}x");
        }

        Console.WriteLine();
        Console.WriteLine("Full replay of a history from scratch (what the cache saves on every episode)");
        Console.WriteLine($"{"history events",15} {"replays/s",15} {"events/s",15}");
        foreach (var length in HistoryLengths)
        {
            var (replays, events) = await MeasureReplayAsync(length);
            Console.WriteLine($"{length,15:N0} {replays,15:N0} {events,15:N0}");
        }

        Console.WriteLine();
        Console.WriteLine($"In-memory backend, {activities:N0} activities");
        var sequential = await MeasureActivitiesAsync(fanOut: false, activities);
        var fanOut = await MeasureActivitiesAsync(fanOut: true, activities);
        Console.WriteLine($"{"sequential activities/s",25} {sequential,12:N0}");
        Console.WriteLine($"{"fan-out activities/s",25} {fanOut,12:N0}");
        return 0;
    }

    private static async Task<List<long[]>> MeasureStepTimesAsync(bool cache, int instances)
    {
        await using var runtime = await Runtime.StartAsync(cache);
        var runs = new List<long[]>();
        for (var i = 0; i < instances; i++)
        {
            var stamps = new long[StampedSteps];
            runtime.Stamps = stamps;
            var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Stamped", StampedSteps);
            await runtime.Client.WaitForInstanceCompletionAsync(id);
            runs.Add(stamps);
        }

        return runs;
    }

    private static double StepsPerSecond(List<long[]> runs, int historyLength)
    {
        // History before step s holds about 4s + 3 events; take the median step time in a small window around it, so a
        // few steps preempted on a busy machine do not decide the figure.
        var center = Math.Clamp((historyLength - 3) / 4, 2, StampedSteps - 4);
        var ticks = runs.SelectMany(stamps => Enumerable.Range(center - 2, 4).Select(i => stamps[i + 1] - stamps[i])).Order().ToList();
        return Stopwatch.Frequency / (double)ticks[ticks.Count / 2];
    }

    private static async Task<(double Replays, double Events)> MeasureReplayAsync(int length)
    {
        IReadOnlyList<HistoryEvent> history;
        await using (var runtime = await Runtime.StartAsync(cache: true))
        {
            var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Steps", Math.Max(1, (length - 4) / 4));
            await runtime.Client.WaitForInstanceCompletionAsync(id);
            history = await runtime.Client.GetOrchestrationHistoryAsync(id);
        }

        var orchestrator = new StepsOrchestrator();
        var rounds = Math.Max(20, 200_000 / history.Count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            OrchestrationReplayer.Replay(orchestrator, history);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return (rounds / seconds, rounds * (double)history.Count / seconds);
    }

    private static async Task<double> MeasureActivitiesAsync(bool fanOut, int activities)
    {
        await using var runtime = await Runtime.StartAsync(cache: true);
        var watch = Stopwatch.StartNew();
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync(fanOut ? "FanOut" : "Steps", activities);
        var done = await runtime.Client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The benchmark orchestration ended {done.RuntimeStatus}: {done.FailureDetails}");
        }

        return activities / watch.Elapsed.TotalSeconds;
    }

    private sealed class StepsOrchestrator : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var total = 0;
            for (var i = 0; i < input; i++)
            {
                total += await context.CallActivityAsync<int>("Noop", i);
            }

            return total;
        }
    }

    private sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>("Noop", i)));
            return results.Sum();
        }
    }

    private sealed class Runtime : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private Runtime(ServiceProvider services) => _services = services;

        public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

        public long[] Stamps { get; set; } = [];

        public static async Task<Runtime> StartAsync(bool cache)
        {
            Runtime? runtime = null;
            var services = new ServiceCollection();
            services.AddDurableTaskWorker(b => b
                .AddTasks(r => r
                    .AddOrchestrator("Steps", typeof(StepsOrchestrator))
                    .AddOrchestrator("FanOut", typeof(FanOutOrchestrator))
                    .AddOrchestratorFunc<int, int>("Stamped", async (context, steps) =>
                    {
                        for (var i = 0; i < steps; i++)
                        {
                            await context.CallActivityAsync("Stamp", i);
                        }

                        return steps;
                    })
                    .AddActivityFunc<int, int>("Stamp", (_, i) =>
                    {
                        runtime!.Stamps[i] = Stopwatch.GetTimestamp();
                        return i;
                    })
                    .AddActivityFunc<int, int>("Noop", (_, i) => i))
                .Configure(o => o.MaxCachedInstances = cache ? 10_000 : 0)
                .UseInMemoryBackend());
            services.AddDurableTaskClient();
            runtime = new Runtime(services.BuildServiceProvider());
            foreach (var hosted in runtime._services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return runtime;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in _services.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }
    }
}
