using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
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

    /// <summary>The round's calendar starts the week before the first consultation opens.</summary>
    public static readonly DateTimeOffset CalendarStart = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static async Task<RunResult> RunAsync(
        IReadOnlyList<SimulatedArea> areas, int hostCount, int partitions, double secondsPerDay, AzuritePersistence persistence, string outputFolder, TextWriter log, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteFixture { Persistence = persistence };
        await azurite.InitializeAsync();
        var hosts = new List<HostProcess>();
        var clients = new List<HostClient>();
        try
        {
            log.WriteLine($"Run with {hostCount} host(s): Azurite ({Describe(persistence)}) on ports {azurite.BlobPort}-{azurite.TablePort}, starting the host(s)...");
            // Each host's whole log is kept, with the storage backend's lease and delivery decisions in it: a lost
            // message at this scale can only be traced afterwards.
            Directory.CreateDirectory(outputFolder);
            var settings = Enumerable.Range(1, hostCount).Select(n => new HostProcessSettings
            {
                StorageConnectionString = azurite.ConnectionString,
                HubName = HubName,
                LogFile = LogFileOf(outputFolder, hostCount, n),
                Environment = new Dictionary<string, string>
                {
                    ["DurableTask__StorageProvider__PartitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    // A fixed name per host, so a host restarted under it takes its own partition leases straight back.
                    ["DurableTask__WorkerId"] = $"sim-host-{n}",
                    ["Logging__LogLevel__DurableTask.AzureStorage"] = "Warning",
                    ["Logging__LogLevel__DurableTask.Core"] = "Warning",
                    // Why an answer was refused is logged at Information; a refusal in a national round needs its reason.
                    ["Logging__LogLevel__LaaWorkflow.Email.Answers.AnswerRecorder"] = "Information",
                    ["Logging__LogLevel__LaaWorkflow.Email.RespondApi"] = "Information",
                    ["Logging__LogLevel__LaaWorkflow.Negotiation.Answers.NegotiationAnswerSink"] = "Information",
                    ["Logging__Console__FormatterName"] = "simple",
                    ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                    ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
                },
            }).ToList();
            foreach (var path in settings.Select(s => s.LogFile!))
            {
                File.Delete(path);
            }

            foreach (var host in await Task.WhenAll(settings.Select(s => HostProcess.StartAsync(s, cancellationToken))))
            {
                hosts.Add(host);
                clients.Add(new HostClient(host.Url, host.AdminKey));
            }

            NationalRound? round = null;
            var sampler = new Sampler(
                [.. hosts.Select((h, i) => (h.ProcessId, clients[i]))],
                azurite.ProcessIds,
                new QueueServiceClient(azurite.ConnectionString),
                HubName,
                partitions,
                () => (round?.Now ?? CalendarStart, round?.Finished ?? 0));
            // Every negotiation of the run shares one calendar. It reaches its start once the starts have had time
            // to land, so no consultation opens before its negotiation exists.
            var calendar = new RoundCalendar(CalendarStart, DateTimeOffset.UtcNow.AddSeconds(10 + (areas.Count * 0.3)), secondsPerDay);
            round = new NationalRound(clients, areas, calendar, log);
            var baseline = await sampler.TakeAsync(cancellationToken);
            var azuriteCpuStart = AzuriteCpu(azurite);
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
                await round.StartAsync(cancellationToken);
                startSeconds = wall.Elapsed.TotalSeconds;
                log.WriteLine($"  started {areas.Count} negotiations in {startSeconds:F1} s; the calendar reaches {CalendarStart:yyyy-MM-dd} at {calendar.StartedAt:HH:mm:ss} UTC " +
                    $"and runs {secondsPerDay:0.###} s per business day to {NationalRound.End:yyyy-MM-dd} ({calendar.RealAt(NationalRound.End):HH:mm:ss} UTC)...");
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
            (List<double> Timers, List<double> Events) history = ([], []);
            if (failure is null)
            {
                results = await round.VerifyAsync(cancellationToken);
                await KeepStuckInstancesAsync(clients[0], results, outputFolder, hostCount, log, cancellationToken);
                history = await HistoryLateness.ReadAsync(azurite.ConnectionString, HubName, cancellationToken);
            }

            await stopSampling.CancelAsync();
            await sampling;
            if (sampler.MissedSamples > 0)
            {
                log.WriteLine($"  {sampler.MissedSamples} sample(s) missed: a host or Azurite did not answer in time (the charts have gaps there).");
            }
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
                azurite.ProcessIds.Values.Sum(pid => ProcessStats.StatusBytes(pid, "VmHWM") ?? 0),
                [.. last.HostCpuSeconds.Select((c, i) => c - baseline.HostCpuSeconds[i])],
                last.AzuriteCpuSeconds - baseline.AzuriteCpuSeconds,
                AzuriteCpu(azurite).ToDictionary(c => c.Key, c => c.Value - azuriteCpuStart.GetValueOrDefault(c.Key), StringComparer.Ordinal),
                (Process.GetCurrentProcess().TotalProcessorTime - driverCpu).TotalSeconds,
                loadStart,
                ProcessStats.LoadAverage() ?? 0,
                round.Steps,
                round.EmailsFoundLate,
                round.PhaseSeconds,
                secondsPerDay,
                Lateness.Of(history.Timers),
                Lateness.Of(history.Events),
                Lateness.Of(round.ActionLatenessSeconds),
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

    /// <summary>
    /// Writes the durable instance and history of the first few negotiations that did not end as expected next to the
    /// host logs, and names their last recorded event, so a failed run says where they stopped.
    /// </summary>
    private static async Task KeepStuckInstancesAsync(HostClient host, List<AreaResult> results, string outputFolder, int hostCount, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var result in results.Where(r => !r.Matches).Take(5))
        {
            var text = await host.InstanceWithHistoryAsync(result.Id, cancellationToken);
            var path = Path.Combine(outputFolder, $"run{hostCount}-stuck-{result.Index:D3}.json");
            await File.WriteAllTextAsync(path, text, cancellationToken);
            string last;
            try
            {
                var history = System.Text.Json.Nodes.JsonNode.Parse(text)?["historyEvents"]?.AsArray();
                last = history is { Count: > 0 } ? $"{history[^1]?["EventType"]} at {history[^1]?["Timestamp"]}" : "no history";
            }
            catch (System.Text.Json.JsonException)
            {
                last = "unreadable answer";
            }

            log.WriteLine($"  not as expected: {result.Area} ({string.Join("; ", result.Mismatches.Take(2))}); last event {last}; see {path}");
        }
    }

    private static Dictionary<string, double> AzuriteCpu(AzuriteFixture azurite) =>
        azurite.ProcessIds.ToDictionary(p => p.Key, p => ProcessStats.CpuSeconds(p.Value) ?? 0, StringComparer.Ordinal);

    public static string Describe(AzuritePersistence persistence) => persistence switch
    {
        AzuritePersistence.TablesInMemory => "tables in memory, queues and blobs on disk, one process each",
        AzuritePersistence.Memory => "one process, data in memory",
        _ => "one process, data saved to disk",
    };

    /// <summary>Where host <paramref name="n"/> of a run with <paramref name="hostCount"/> hosts writes its log.</summary>
    public static string LogFileOf(string outputFolder, int hostCount, int n) =>
        Path.Combine(outputFolder, $"run{hostCount}-host{n}.log");
}
