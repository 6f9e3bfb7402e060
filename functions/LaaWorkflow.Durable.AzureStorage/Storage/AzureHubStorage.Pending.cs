namespace LaaWorkflow.Durable.AzureStorage.Storage;

internal sealed partial class AzureHubStorage
{
    private static void InitializeBlobs(string connectionString) => ArgumentException.ThrowIfNullOrEmpty(connectionString);

    public override Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task DeleteContainerAsync(string container, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task UploadTextAsync(string container, string blobName, string text, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<string> DownloadTextAsync(string container, string blobName, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");

    public override Task<IReadOnlyList<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public override Task DeleteBlobAsync(string container, string blobName, CancellationToken cancellationToken) => throw new NotSupportedException("The storage clients are not wired yet.");
}
