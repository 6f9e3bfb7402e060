namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>
/// The storage operations the backend uses, and nothing more: one seam between the backend's logic and the
/// Table/Queue/Blob clients, so that the checkpoint, lease and timer code read in terms of rows and messages.
/// </summary>
internal abstract class HubStorage
{
    // Tables

    public abstract Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken);

    public abstract Task DeleteTableAsync(string table, CancellationToken cancellationToken);

    public abstract Task<StoredRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Every row of one partition, in row key order, following continuation tokens.</summary>
    public abstract Task<IReadOnlyList<StoredRow>> QueryPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken);

    /// <summary>One page of an OData-filtered query.</summary>
    public abstract Task<(IReadOnlyList<StoredRow> Rows, string? ContinuationToken)> QueryPageAsync(
        string table, string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Writes all operations (one partition, at most 100) or none; throws <see cref="StorageConflictException"/> on
    /// 409/412. Returns the new ETag of the first operation's row (null for a delete).
    /// </summary>
    public abstract Task<string?> SubmitTransactionAsync(string table, IReadOnlyList<RowOperation> operations, CancellationToken cancellationToken);

    /// <summary>One write; returns the new ETag. Throws <see cref="StorageConflictException"/> on 409/412.</summary>
    public abstract Task<string> WriteRowAsync(string table, RowOperation operation, CancellationToken cancellationToken);

    /// <summary>Merges the given properties into the row; throws <see cref="StorageConflictException"/> if the ETag changed.</summary>
    public abstract Task<string> MergeRowAsync(string table, StoredRow row, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes a row; a row already gone is not an error.</summary>
    public abstract Task DeleteRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    // Queues

    public abstract Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken);

    public abstract Task DeleteQueueAsync(string queue, CancellationToken cancellationToken);

    public abstract Task SendMessageAsync(string queue, string text, TimeSpan? visibilityDelay, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<QueuedMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>True when the queue has at least one visible message (a peek; nothing is received).</summary>
    public abstract Task<bool> HasVisibleMessagesAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Hides a received message for longer (or makes it visible with zero); updates its pop receipt.</summary>
    public abstract Task UpdateVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes a received message; one already gone is not an error.</summary>
    public abstract Task DeleteMessageAsync(QueuedMessage message, CancellationToken cancellationToken);

    // Blobs

    public abstract Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken);

    public abstract Task DeleteContainerAsync(string container, CancellationToken cancellationToken);

    public abstract Task UploadTextAsync(string container, string blobName, string text, CancellationToken cancellationToken);

    public abstract Task<string> DownloadTextAsync(string container, string blobName, CancellationToken cancellationToken);

    /// <summary>The names of the blobs whose name starts with <paramref name="prefix"/>.</summary>
    public abstract Task<IReadOnlyList<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes a blob; one already gone is not an error.</summary>
    public abstract Task DeleteBlobAsync(string container, string blobName, CancellationToken cancellationToken);
}
