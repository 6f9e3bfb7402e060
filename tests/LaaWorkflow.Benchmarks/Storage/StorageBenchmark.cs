using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Benchmarks.Storage;

/// <summary>
/// The official Azure SDK clients (Azure.Data.Tables, Azure.Storage.Queues) with their default options, against the same
/// requests made with a bare, hand-signed HttpClient, in one run against a private Azurite. Warm-up requests (chunk -1) go first so connections and JIT are ready for both sides.
/// </summary>
internal sealed class StorageBenchmark : IBenchmarkSuite
{
    public string Name => "storage";

    public string Description => "official Azure SDK table/queue clients vs a bare hand-signed HttpClient against Azurite";

    public async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 1.0;
        int Count(int n) => Math.Max(1, (int)(n * scale));

        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        Console.WriteLine($"Azurite on 127.0.0.1 (tables :{azurite.TablePort}, queues :{azurite.QueuePort}); {Environment.ProcessorCount} cores; scale {scale}");

        var service = new TableServiceClient(azurite.ConnectionString);
        var queues = new QueueServiceClient(azurite.ConnectionString);
        using var bare = new BareStorageClient(azurite.TableEndpoint, azurite.QueueEndpoint, AzuriteFixture.AccountName, AzuriteFixture.AccountKey);

        var ourTable = service.GetTableClient(AzuriteFixture.NewTableName("ours"));
        var bareTable = AzuriteFixture.NewTableName("bare");
        await ourTable.CreateIfNotExistsAsync();
        await service.CreateTableIfNotExistsAsync(bareTable);
        var ourQueue = queues.GetQueueClient(AzuriteFixture.NewQueueName("ours"));
        var bareQueue = AzuriteFixture.NewQueueName("bare");
        await ourQueue.CreateIfNotExistsAsync();
        await queues.GetQueueClient(bareQueue).CreateIfNotExistsAsync();

        var results = new List<(string Name, double Ours, double Bare, string Unit, double OursCpu, double BareCpu)>();

        // Ours and bare alternate in small chunks (the first side alternating too) and their times are summed, so
        // load from anything else on the machine falls on both sides alike.
        async Task Measure(string name, string unit, int chunks, int unitsPerChunk, Func<int, Task> ours, Func<int, Task> bareRun)
        {
            await ours(-1);
            await bareRun(-1);
            TimeSpan oursTime = TimeSpan.Zero, bareTime = TimeSpan.Zero, oursCpu = TimeSpan.Zero, bareCpu = TimeSpan.Zero;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                async Task RunOurs()
                {
                    var (wall, cpu) = await Time(() => ours(chunk));
                    oursTime += wall;
                    oursCpu += cpu;
                }

                async Task RunBare()
                {
                    var (wall, cpu) = await Time(() => bareRun(chunk));
                    bareTime += wall;
                    bareCpu += cpu;
                }

                if (chunk % 2 == 0)
                {
                    await RunOurs();
                    await RunBare();
                }
                else
                {
                    await RunBare();
                    await RunOurs();
                }
            }

            var oursRate = chunks * unitsPerChunk / oursTime.TotalSeconds;
            var bareRate = chunks * unitsPerChunk / bareTime.TotalSeconds;
            var units = chunks * unitsPerChunk;
            var oursCpuPerUnit = oursCpu.TotalMicroseconds / units;
            var bareCpuPerUnit = bareCpu.TotalMicroseconds / units;
            results.Add((name, oursRate, bareRate, unit, oursCpuPerUnit, bareCpuPerUnit));
            Console.WriteLine($"  {name,-28} sdk {oursRate,8:F0} {unit,-10} bare {bareRate,8:F0} {unit,-10} cost {Cost(oursRate, bareRate),7}   client CPU/unit sdk {oursCpuPerUnit,6:F0} us, bare {bareCpuPerUnit,6:F0} us");
        }

        Console.WriteLine($"Load average before: {LoadAverage()}");
        Console.WriteLine("Measuring (SDK and bare alternating in chunks):");

        var chunks = Count(10);
        const int Sequential = 40;
        await Measure("sequential single inserts", "inserts/s", chunks, Sequential,
            async c => { for (var i = 0; i < Sequential; i++) { await ourTable.AddEntityAsync(StorageSample.Entity($"seq{c}", i)); } },
            async c => { for (var i = 0; i < Sequential; i++) { await bare.InsertAsync(bareTable, StorageSample.Entity($"seq{c}", i)); } });

        const int Concurrent = 160;
        await Measure("16-concurrent inserts", "inserts/s", chunks, Concurrent,
            c => Parallel.ForEachAsync(Enumerable.Range(0, Concurrent), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => await ourTable.AddEntityAsync(StorageSample.Entity($"con{c}-{i % 16}", i), ct)),
            c => Parallel.ForEachAsync(Enumerable.Range(0, Concurrent), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => await bare.InsertAsync(bareTable, StorageSample.Entity($"con{c}-{i % 16}", i), ct)));

        const int Batches = 2;
        await Measure("100-entity batches", "entities/s", chunks, Batches * 100,
            async c => { for (var b = 0; b < Batches; b++) { await ourTable.SubmitTransactionAsync(StorageSample.Transaction($"bat{c}-{b}")); } },
            async c => { for (var b = 0; b < Batches; b++) { await bare.BatchInsertAsync(bareTable, StorageSample.Batch($"bat{c}-{b}")); } });

        const int Reads = 80;
        await Measure("point reads", "reads/s", chunks, Reads,
            async c => { for (var i = 0; i < Reads; i++) { _ = (await ourTable.GetEntityAsync<StorageSample>("seq0", (i % Sequential).ToString("D6", CultureInfo.InvariantCulture))).Value.Count; } },
            async c => { for (var i = 0; i < Reads; i++) { _ = (await bare.GetAsync(bareTable, "seq0", (i % Sequential).ToString("D6", CultureInfo.InvariantCulture))).Count; } });

        const int Cycles = 30;
        await Measure("queue send+receive+delete", "cycles/s", chunks, Cycles,
            async c =>
            {
                for (var i = 0; i < Cycles; i++)
                {
                    await ourQueue.SendMessageAsync("{\"instance\":\"laa-sunderland\",\"event\":\"reminder\"}");
                    var message = (await ourQueue.ReceiveMessagesAsync(1)).Value[0];
                    await ourQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            },
            async c =>
            {
                for (var i = 0; i < Cycles; i++)
                {
                    await bare.SendAsync(bareQueue, "{\"instance\":\"laa-sunderland\",\"event\":\"reminder\"}");
                    var (id, receipt) = await bare.ReceiveAsync(bareQueue);
                    await bare.DeleteMessageAsync(bareQueue, id, receipt);
                }
            });

        Console.WriteLine($"Load average after: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Operation | Azure SDK client | Bare HttpClient | Wall-time cost | Client CPU per unit, SDK / bare |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ours, bareRate, unit, oursCpuUnit, bareCpuUnit) in results)
        {
            Console.WriteLine($"| {name} | {ours:F0} {unit} | {bareRate:F0} {unit} | {Cost(ours, bareRate)} | {oursCpuUnit:F0} us / {bareCpuUnit:F0} us |");
        }

        return 0;
    }

    // Wall time, and this process's CPU time (the client's work; Azurite runs in its own process).
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> Time(Func<Task> run)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await run();
        var wall = watch.Elapsed;
        return (wall, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    // Time per operation, ours relative to bare: +5% means ours takes 5% longer.
    private static string Cost(double ours, double bare) => ((bare / ours) - 1).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture);
}
