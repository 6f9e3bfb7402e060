using System.Diagnostics;
using LaaWorkflow.AzureStorage.Diagnostics;
using LaaWorkflow.Durable.Diagnostics;
using LaaWorkflow.Functions.Hosting.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LaaWorkflow.Functions.Api.Dev;

internal static partial class DevApi
{
    private static void MapMetrics(RouteGroupBuilder group) => group.MapGet("/metrics", ReadMetrics).WithName("DevMetrics");

    /// <summary>This process's work and storage counters since it started, and its memory, for measurement runs.</summary>
    private static Ok<HostMetrics> ReadMetrics()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new HostMetrics(
            DateTimeOffset.UtcNow,
            DurableCounts.Snapshot(),
            StorageCounts(),
            new HostMemory(process.WorkingSet64, process.PeakWorkingSet64, GC.GetTotalMemory(false), gc.HeapSizeBytes,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)),
            process.TotalProcessorTime.TotalMilliseconds));
    }

    /// <summary>
    /// The app's official clients count in <see cref="StorageOperationCounter"/>, the durable runtime's own client in
    /// <see cref="StorageOperationCounts"/>; both count the same kinds, so one process's figures are their sum.
    /// </summary>
    private static Dictionary<string, long> StorageCounts()
    {
        var durable = StorageOperationCounts.Snapshot();
        return StorageOperationCounter.Snapshot().ToDictionary(
            p => p.Key,
            p => p.Value + durable.GetValueOrDefault(p.Key),
            StringComparer.Ordinal);
    }
}

/// <summary>The body of GET /api/dev/metrics.</summary>
internal sealed record HostMetrics(
    DateTimeOffset At,
    IReadOnlyDictionary<string, long> Durable,
    IReadOnlyDictionary<string, long> Storage,
    HostMemory Memory,
    double CpuMilliseconds);

/// <summary>Memory as the process and the garbage collector see it.</summary>
internal sealed record HostMemory(long WorkingSetBytes, long PeakWorkingSetBytes, long ManagedBytes, long HeapSizeBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections);
