using System.Diagnostics;
using System.Globalization;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable;
using LaaWorkflow.Durable.AzureStorage;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Benchmarks.DurableAzure;

/// <summary>
/// The durable runtime on the Azure Storage backend against a private Azurite, one host: sequential and fan-out
/// activities, external events (many instances, several events each), orchestration starts and peak memory, each
/// printed with its ratio to Azurite's raw single-insert rate measured in the same run.
/// </summary>
internal sealed class DurableAzureBenchmarks : IBenchmarkSuite
{
    public string Name => "durable-azure";

    public string Description => "durable runtime on Azure Storage (Azurite): activities/s, events/s, starts/s vs raw inserts/s";

    public async Task<int> RunAsync(string[] args)
    {
        var sequential = Option(args, "--sequential", 200);
        var fanOut = Option(args, "--fanout", 1_000);
        var instances = Option(args, "--instances", 1_000);
        var events = Option(args, "--events", 10);
        var starts = Option(args, "--starts", 500);
        Console.WriteLine($"durable-azure benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var (insertsPerSecond, sendsPerSecond) = await MeasureRawAsync(azurite.ConnectionString);
            Console.WriteLine($"{"Azurite raw single inserts/s (sequential)",-52} {insertsPerSecond,10:N1}");
            Console.WriteLine($"{"Azurite raw queue sends/s (sequential)",-52} {sendsPerSecond,10:N1}");

            await using var runtime = await Runtime.StartAsync(azurite.ConnectionString);
            await runtime.RunAsync("Sequential", 3); // warm-up: JIT, hub, leases

            Report($"sequential activities/s (1 orchestration, {sequential})", sequential / await runtime.TimeAsync("Sequential", sequential), insertsPerSecond);
            Report($"fan-out activities/s (1 orchestration, {fanOut})", fanOut / await runtime.TimeAsync("FanOut", fanOut), insertsPerSecond);
            Report($"external events/s ({instances} instances x {events})", await runtime.MeasureEventsAsync(instances, events), insertsPerSecond);
            Report($"orchestration starts/s ({starts}, start to completed)", await runtime.MeasureStartsAsync(starts), insertsPerSecond);
            Console.WriteLine($"{"peak working set (MB)",-52} {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),10:N0}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        return 0;
    }

    private static void Report(string label, double perSecond, double insertsPerSecond) =>
        Console.WriteLine($"{label,-52} {perSecond,10:N1}   {perSecond / insertsPerSecond,6:N2}x raw inserts");

    /// <summary>The storage baseline: one entity insert (and one queue send) at a time, as the runtime's steps are.</summary>
    private static async Task<(double Inserts, double Sends)> MeasureRawAsync(string connectionString)
    {
        const int count = 200;
        var table = new TableClient(connectionString, "rawinserts");
        await table.CreateIfNotExistsAsync();
        var queue = new QueueClient(connectionString, "rawsends");
        await queue.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("warm", "up"));
        await queue.SendMessageAsync("warm-up");

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString("D6", CultureInfo.InvariantCulture)) { ["Value"] = "x" });
        }

        var inserts = count / watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (var i = 0; i < count; i++)
        {
            await queue.SendMessageAsync("message " + i);
        }

        return (inserts, count / watch.Elapsed.TotalSeconds);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>One worker host and client on the Azure Storage backend, with the benchmark's orchestrations.</summary>
    private sealed class Runtime : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly List<IHostedService> _hosted;

        private Runtime(ServiceProvider services)
        {
            _services = services;
            _hosted = [.. services.GetServices<IHostedService>()];
            Client = services.GetRequiredService<DurableTaskClient>();
        }

        public DurableTaskClient Client { get; }

        public static async Task<Runtime> StartAsync(string connectionString)
        {
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.AddDurableTaskWorker(b => b
                .AddTasks(r => r
                    .AddActivityFunc<int, int>("Noop", (_, n) => n)
                    .AddOrchestratorFunc<int, int>("Sequential", async (ctx, n) =>
                    {
                        var sum = 0;
                        for (var i = 0; i < n; i++)
                        {
                            sum += await ctx.CallActivityAsync<int>("Noop", 1);
                        }

                        return sum;
                    })
                    .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                        (await Task.WhenAll(Enumerable.Range(0, n).Select(_ => ctx.CallActivityAsync<int>("Noop", 1)))).Sum())
                    .AddOrchestratorFunc<int, int>("Answers", async (ctx, n) =>
                    {
                        for (var i = 0; i < n; i++)
                        {
                            await ctx.WaitForExternalEvent<string>("Answer");
                        }

                        return n;
                    })
                    .AddOrchestratorFunc<int, int>("Hello", (_, n) => Task.FromResult(n)))
                .Configure(o =>
                {
                    o.MaxConcurrentActivities = 32;
                    o.MaxConcurrentOrchestrations = 16;
                })
                .UseAzureStorageBackend(o =>
                {
                    o.ConnectionString = connectionString;
                    o.TaskHubName = "Bench";
                    o.PartitionCount = 4;
                    o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
                }));
            services.AddDurableTaskClient();
            var runtime = new Runtime(services.BuildServiceProvider());
            foreach (var hosted in runtime._hosted)
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return runtime;
        }

        public async Task RunAsync(string orchestrator, int input)
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
            var done = await Client.WaitForInstanceCompletionAsync(id);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            }
        }

        /// <summary>Seconds from scheduling to completion.</summary>
        public async Task<double> TimeAsync(string orchestrator, int input)
        {
            var watch = Stopwatch.StartNew();
            await RunAsync(orchestrator, input);
            return watch.Elapsed.TotalSeconds;
        }

        /// <summary>Starts the instances, waits until all run, then raises every event; events/s until all completed.</summary>
        public async Task<double> MeasureEventsAsync(int instances, int events)
        {
            var ids = new string[instances];
            await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                ids[i] = await Client.ScheduleNewOrchestrationInstanceAsync("Answers", events, new StartOrchestrationOptions($"city-{i:D5}"), ct));
            foreach (var id in ids)
            {
                await Client.WaitForInstanceStartAsync(id);
            }

            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, events).SelectMany(e => ids.Select(id => (id, e))),
                new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (raise, ct) => await Client.RaiseEventAsync(raise.id, "Answer", $"answer {raise.e}", ct));
            foreach (var id in ids)
            {
                await Client.WaitForInstanceCompletionAsync(id);
            }

            return instances * events / watch.Elapsed.TotalSeconds;
        }

        /// <summary>Schedules trivial instances and waits for all to complete: starts/s end to end.</summary>
        public async Task<double> MeasureStartsAsync(int count)
        {
            var watch = Stopwatch.StartNew();
            var ids = new string[count];
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                ids[i] = await Client.ScheduleNewOrchestrationInstanceAsync("Hello", i, cancellation: ct));
            foreach (var id in ids)
            {
                await Client.WaitForInstanceCompletionAsync(id);
            }

            return count / watch.Elapsed.TotalSeconds;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in _hosted)
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }
    }
}
