namespace LaaWorkflow.Durable.AzureStorage.Storage;

internal sealed partial class AzureHubStorage
{
    private static void InitializeQueuesAndBlobs(string connectionString) => ArgumentException.ThrowIfNullOrEmpty(connectionString);

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
