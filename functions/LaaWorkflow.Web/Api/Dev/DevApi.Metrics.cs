using System.Diagnostics;
using LaaWorkflow.Web.Hosting.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LaaWorkflow.Web.Api.Dev;

internal static partial class DevApi
{
    private static void MapMetrics(RouteGroupBuilder group) => group.MapGet("/metrics", ReadMetrics).WithName("DevMetrics");

    /// <summary>This process's work and storage counters since it started, and its memory, for measurement runs.</summary>
    internal static Ok<HostMetrics> ReadMetrics()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new HostMetrics(
            DateTimeOffset.UtcNow,
            StorageOperationCounter.Snapshot(),
            new HostMemory(process.WorkingSet64, process.PeakWorkingSet64, GC.GetTotalMemory(false), gc.HeapSizeBytes,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)),
            process.TotalProcessorTime.TotalMilliseconds));
    }
}

/// <summary>The body of GET /api/dev/metrics.</summary>
internal sealed record HostMetrics(
    DateTimeOffset At,
    IReadOnlyDictionary<string, long> Storage,
    HostMemory Memory,
    double CpuMilliseconds);

/// <summary>Memory as the process and the garbage collector see it.</summary>
internal sealed record HostMemory(long WorkingSetBytes, long PeakWorkingSetBytes, long ManagedBytes, long HeapSizeBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections);
