namespace LaaWorkflow.Functions.CustomHandler.Maintenance;

/// <summary>
/// The durable runtime's housekeeping, as the maintenance timer drives it. The host registers an
/// implementation over the durable client; the timer only decides when, and with which cut-off.
/// </summary>
internal abstract class DurableMaintenance
{
    /// <summary>
    /// Releases partition and work-item leases whose expiry is before <paramref name="now"/>, so a
    /// host that died holding one does not stall its partition until another host happens to look.
    /// </summary>
    /// <returns>How many leases were released.</returns>
    public abstract Task<int> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the history and state of instances that finished (completed, failed or terminated)
    /// before <paramref name="finishedBefore"/>. Running and suspended instances are never touched.
    /// </summary>
    /// <returns>How many instances were purged.</returns>
    public abstract Task<int> PurgeFinishedInstancesAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}
