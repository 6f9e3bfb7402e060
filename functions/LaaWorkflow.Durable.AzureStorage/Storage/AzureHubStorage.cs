namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>The storage seam over the Table, Queue and Blob clients of LaaWorkflow.AzureStorage.</summary>
internal sealed partial class AzureHubStorage : HubStorage
{
    public AzureHubStorage(string connectionString) => ArgumentException.ThrowIfNullOrEmpty(connectionString);

    public override Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteTableAsync(string table, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<StoredRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<IReadOnlyList<StoredRow>> QueryPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<(IReadOnlyList<StoredRow> Rows, string? ContinuationToken)> QueryPageAsync(string table, string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<string?> SubmitTransactionAsync(string table, IReadOnlyList<RowOperation> operations, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<string> WriteRowAsync(string table, RowOperation operation, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<string> MergeRowAsync(string table, StoredRow row, string? ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteQueueAsync(string queue, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task SendMessageAsync(string queue, string text, TimeSpan? visibilityDelay, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<IReadOnlyList<QueuedMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<bool> HasVisibleMessagesAsync(string queue, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task UpdateVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteMessageAsync(QueuedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteContainerAsync(string container, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task UploadTextAsync(string container, string blobName, string text, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<string> DownloadTextAsync(string container, string blobName, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<IReadOnlyList<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task DeleteBlobAsync(string container, string blobName, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");
}
