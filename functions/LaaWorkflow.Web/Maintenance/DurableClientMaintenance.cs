using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Web.Maintenance;

/// <summary>
/// Maintenance through the public durable client, so it works on whichever backend the host runs.
/// </summary>
/// <remarks>
/// The client filters a purge by creation time. A negotiation runs from autumn to the June sign-off, so
/// with the default retention of 400 days an instance created before the cut-off finished months ago.
/// </remarks>
internal sealed class DurableClientMaintenance(DurableTaskClient client) : DurableMaintenance
{
    private static readonly OrchestrationRuntimeStatus[] s_finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public override async Task<int> PurgeFinishedInstancesAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        // The task hub's gRPC server reads the filter's start unconditionally (a null one fails the whole purge), so
        // the purge names one: before any instance of this app can have been created.
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: createdBefore, Statuses: s_finished), cancellationToken);
        return result.PurgedInstanceCount;
    }
}
