namespace LaaWorkflow.Functions.CustomHandler.Maintenance;

/// <summary>
/// The durable runtime's housekeeping, as the maintenance timer drives it. The timer decides when and
/// with which cut-off; <see cref="DurableClientMaintenance"/> does the work through the durable client
/// unless the host registers another implementation.
/// </summary>
internal abstract class DurableMaintenance
{
    /// <summary>
    /// Releases leases whose expiry is before <paramref name="now"/>, so a host that died holding one
    /// does not stall its partition.
    /// </summary>
    /// <returns>How many leases were released, or null when the backend expires its leases itself.</returns>
    public abstract Task<int?> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the history and state of finished instances (completed, failed or terminated) created
    /// before <paramref name="createdBefore"/>. Running, pending and suspended instances are never touched.
    /// </summary>
    /// <returns>How many instances were purged.</returns>
    public abstract Task<int> PurgeFinishedInstancesAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);
}
