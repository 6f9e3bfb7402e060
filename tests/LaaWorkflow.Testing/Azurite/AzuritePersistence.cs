namespace LaaWorkflow.Testing;

/// <summary>Where a private Azurite keeps its data, and so what it costs to run at scale.</summary>
public enum AzuritePersistence
{
    /// <summary>
    /// One process saving every service's database to disk every few seconds, as a developer's Azurite does. Azurite
    /// writes each database as one JSON string, so a table store of a few hundred megabytes aborts it.
    /// </summary>
    Disk,

    /// <summary>
    /// One process keeping everything in memory; a stop loses the data. Azurite's in-memory queues keep each message
    /// body as its own extent and sweep the deleted ones once a minute at a cost that grows with the square of their
    /// number, so under a heavy queue load it stops answering for minutes at a time.
    /// </summary>
    Memory,

    /// <summary>
    /// Three processes: tables in memory, queues and blobs on disk. Neither limit above is met: table rows are never
    /// serialised, and queue messages share extent files. Each service also gets its own Node.js thread.
    /// </summary>
    TablesInMemory,
}
