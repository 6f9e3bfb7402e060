using LaaWorkflow.Functions.CustomHandler.Maintenance;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

/// <summary>Stands in for the durable runtime: records each call, in order, and answers fixed counts.</summary>
internal sealed class RecordingMaintenance(int released, int purged) : DurableMaintenance
{
    public List<(string Operation, DateTimeOffset Time)> Calls { get; } = [];

    public override Task<int?> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Calls.Add(("release", now));
        return Task.FromResult<int?>(released);
    }

    public override Task<int> PurgeFinishedInstancesAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        Calls.Add(("purge", finishedBefore));
        return Task.FromResult(purged);
    }
}

/// <summary>A clock stopped at one instant, so cut-offs can be checked exactly.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
