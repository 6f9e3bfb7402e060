using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using LaaWorkflow.Simulation.Driving;

namespace LaaWorkflow.Simulation.Measuring;

/// <summary>
/// Samples the hosts' storage counters and memory, Azurite's CPU and the task hub's queue depths about once a second, in the
/// background, until stopped.
/// </summary>
internal sealed class Sampler(
    IReadOnlyList<(int Pid, HostClient Client)> hosts,
    IReadOnlyDictionary<string, int> azuritePids,
    QueueServiceClient queues,
    string hubName,
    int partitionCount,
    Func<(DateTimeOffset BusinessTime, int Finished)> progress)
{
    private readonly List<Sample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Samples not taken because a host or Azurite did not answer in time.</summary>
    public int MissedSamples { get; private set; }

    /// <summary>Queue depths of the hub: all control queues together, and the work-item queue.</summary>
    public async Task<(int Control, int WorkItems)> QueueDepthsAsync(CancellationToken cancellationToken)
    {
        var lower = hubName.ToLowerInvariant();
        var control = 0;
        for (var p = 0; p < partitionCount; p++)
        {
            control += await DepthAsync(string.Create(CultureInfo.InvariantCulture, $"{lower}-control-{p:D2}"), cancellationToken);
        }

        return (control, await DepthAsync(lower + "-workitems", cancellationToken));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                Sample sample;
                try
                {
                    sample = await TakeAsync(cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException or TaskCanceledException or AggregateException
                    && !cancellationToken.IsCancellationRequested)
                {
                    // A host or Azurite too slow to answer is what the round itself reports; a gap in the samples
                    // must not end the run.
                    MissedSamples++;
                    continue;
                }

                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
            while (await ticks.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    public async Task<Sample> TakeAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var managed = new List<long>();
        foreach (var (_, client) in hosts)
        {
            var metrics = await client.MetricsAsync(cancellationToken);
            Add(counts, metrics["storage"] as JsonObject, "storage.");
            managed.Add(metrics["memory"]?["managedBytes"]?.GetValue<long>() ?? 0);
        }

        var (control, workItems) = await QueueDepthsAsync(cancellationToken);
        var (businessTime, finished) = progress();
        return new Sample(
            _clock.Elapsed.TotalSeconds,
            businessTime,
            counts,
            [.. hosts.Select(h => ProcessStats.CpuSeconds(h.Pid) ?? 0)],
            [.. hosts.Select(h => ProcessStats.StatusBytes(h.Pid, "VmRSS") ?? 0)],
            managed,
            azuritePids.Values.Sum(pid => ProcessStats.CpuSeconds(pid) ?? 0),
            azuritePids.Values.Sum(pid => ProcessStats.StatusBytes(pid, "VmRSS") ?? 0),
            control,
            workItems,
            finished,
            ProcessStats.LoadAverage() ?? 0);
    }

    private static void Add(Dictionary<string, long> counts, JsonObject? values, string prefix)
    {
        foreach (var (name, value) in values ?? [])
        {
            counts[prefix + name] = counts.GetValueOrDefault(prefix + name) + (value?.GetValue<long>() ?? 0);
        }
    }

    private async Task<int> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
