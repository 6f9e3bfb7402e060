using System.Diagnostics;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Simulation.Areas;
using LaaWorkflow.Simulation.Driving;
using LaaWorkflow.Simulation.Measuring;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Hosting;

namespace LaaWorkflow.Simulation;

/// <summary>
/// One run: a private Azurite, <c>hosts</c> real host processes sharing one task hub on it, the national round played
/// against them while a sampler watches, then every negotiation's outcome checked.
/// </summary>
internal static class SimulationRunner
{
    private const string HubName = "Sim";

    /// <summary>The virtual clock starts the week before the first consultation opens.</summary>
    public static readonly DateTimeOffset ClockStart = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static async Task<RunResult> RunAsync(IReadOnlyList<SimulatedArea> areas, int hostCount, int partitions, bool azuriteInMemory, TextWriter log, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteFixture { InMemoryPersistence = azuriteInMemory };
        await azurite.InitializeAsync();
        var hosts = new List<HostProcess>();
        var clients = new List<HostClient>();
        try
        {
            log.WriteLine($"Run with {hostCount} host(s): Azurite ({(azuriteInMemory ? "data in memory" : "data saved to disk")}) on ports {azurite.BlobPort}-{azurite.TablePort}, starting the host(s)...");
            var settings = new HostProcessSettings
            {
                StorageConnectionString = azurite.ConnectionString,
                HubName = HubName,
                ClockStart = ClockStart,
                Environment = new Dictionary<string, string> { ["DurableTask__PartitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            foreach (var host in await Task.WhenAll(Enumerable.Range(0, hostCount).Select(_ => HostProcess.StartAsync(settings, cancellationToken))))
            {
                hosts.Add(host);
                clients.Add(new HostClient(host.Url, host.AdminKey));
            }

            if (hostCount > 1)
            {
                await WaitForOwnersAsync(azurite.ConnectionString, hostCount, cancellationToken);
            }

            NationalRound? round = null;
            var sampler = new Sampler(
                [.. hosts.Select((h, i) => (h.ProcessId, clients[i]))],
                azurite.ProcessId ?? 0,
                new QueueServiceClient(azurite.ConnectionString),
                HubName,
                partitions,
                () => (round?.Now ?? ClockStart, round?.Finished ?? 0));
            round = new NationalRound(clients, areas, sampler.QueueDepthsAsync, log);
            var baseline = await sampler.TakeAsync(cancellationToken);
            var loadStart = ProcessStats.LoadAverage() ?? 0;
            var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = sampler.RunAsync(stopSampling.Token);
            var wall = Stopwatch.StartNew();
            string? failure = null;
            List<AreaResult> results = [];
            double startSeconds = 0;
            try
            {
                await round.StartAsync(ClockStart, cancellationToken);
                startSeconds = wall.Elapsed.TotalSeconds;
                log.WriteLine($"  started {areas.Count} negotiations in {startSeconds:F1} s; playing the round to {NationalRound.End:yyyy-MM-dd}...");
                await round.RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = e.Message;
                log.WriteLine($"  the round stopped: {e.Message}");
                if (azurite.ExitCode is { } code)
                {
                    failure = $"Azurite exited with code {code}; {failure}";
                    log.WriteLine($"  Azurite exited with code {code}; its last output:{Environment.NewLine}{azurite.RecentOutput}");
                }
            }

            var wallSeconds = wall.Elapsed.TotalSeconds;
            if (failure is null)
            {
                results = await round.VerifyAsync(cancellationToken);
            }

            await stopSampling.CancelAsync();
            await sampling;
            // With Azurite gone the hosts cannot answer either: report up to the last sample taken.
            var last = azurite.ExitCode is not null && sampler.Samples.Count > 0 ? sampler.Samples[^1] : await sampler.TakeAsync(cancellationToken);
            var counts = last.Counts.ToDictionary(c => c.Key, c => c.Value - baseline.Counts.GetValueOrDefault(c.Key), StringComparer.Ordinal);
            return new RunResult(
                hostCount,
                areas.Count,
                areas.Sum(a => a.Partners.Count),
                partitions,
                wallSeconds,
                startSeconds,
                [.. sampler.Samples.Select(s => s with { Seconds = s.Seconds - baseline.Seconds })],
                counts,
                round.Emails,
                round.Actions,
                results,
                [.. hosts.Select(h => h.PeakResidentBytes() ?? 0)],
                azurite.ProcessId is { } pid ? ProcessStats.StatusBytes(pid, "VmHWM") ?? 0 : 0,
                [.. last.HostCpuSeconds.Select((c, i) => c - baseline.HostCpuSeconds[i])],
                last.AzuriteCpuSeconds - baseline.AzuriteCpuSeconds,
                (Process.GetCurrentProcess().TotalProcessorTime - driverCpu).TotalSeconds,
                loadStart,
                ProcessStats.LoadAverage() ?? 0,
                round.Steps,
                round.PhaseSeconds,
                round.ExtraSettles,
                failure);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await azurite.DisposeAsync();
        }
    }

    /// <summary>With several hosts, work starts only once each holds a partition, so none joins late and finds nothing to do.</summary>
    private static async Task WaitForOwnersAsync(string connectionString, int hosts, CancellationToken cancellationToken)
    {
        var leases = new TableClient(connectionString, HubName + "Partitions");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            var owners = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                await foreach (var row in leases.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                {
                    if (row.GetDateTimeOffset("ExpiresAt") > DateTimeOffset.UtcNow && row.GetString("Owner") is { Length: > 0 } owner)
                    {
                        owners.Add(owner);
                    }
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The hub is not created yet.
            }

            if (owners.Count >= hosts)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"The {hosts} hosts did not all hold a partition within two minutes.");
    }
}
