namespace LaaWorkflow.Web.Maintenance;

/// <summary>
/// The durable engine's housekeeping, as the maintenance timer drives it. The timer decides when and with which
/// cut-off; <see cref="DurableClientMaintenance"/> does the work through the durable client.
/// </summary>
/// <remarks>
/// Leases are not this job's: DurableTask.AzureStorage's lease loop takes over any partition lease past its expiry,
/// so a host that died holding one does not stall its partition for long.
/// </remarks>
internal abstract class DurableMaintenance
{
    /// <summary>
    /// Deletes the history and state of finished instances (completed, failed or terminated) created
    /// before <paramref name="createdBefore"/>. Running, pending and suspended instances are never touched.
    /// </summary>
    /// <returns>How many instances were purged.</returns>
    public abstract Task<int> PurgeFinishedInstancesAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);
}
