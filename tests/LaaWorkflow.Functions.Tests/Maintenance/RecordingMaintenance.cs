using LaaWorkflow.Web.Maintenance;

namespace LaaWorkflow.Functions.Tests.Maintenance;

/// <summary>Stands in for the durable engine: records each call, in order, and answers fixed counts.</summary>
internal sealed class RecordingMaintenance(int purged) : DurableMaintenance
{
    public List<(string Operation, DateTimeOffset Time)> Calls { get; } = [];

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
