namespace LaaWorkflow.Durable.AzureStorage.Storage;

internal sealed partial class AzureHubStorage
{
    public override async Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken) =>
        await _blobService.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public override async Task DeleteContainerAsync(string container, CancellationToken cancellationToken) =>
        await _blobService.GetBlobContainerClient(container).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public override async Task UploadTextAsync(string container, string blobName, string text, CancellationToken cancellationToken) =>
        await _blobService.GetBlobContainerClient(container).GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);

    public override async Task<string> DownloadTextAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var result = await _blobService.GetBlobContainerClient(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return result.Value.Content.ToString();
    }

    public override async Task<IReadOnlyList<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in _blobService.GetBlobContainerClient(container).GetBlobsAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }

    public override async Task DeleteBlobAsync(string container, string blobName, CancellationToken cancellationToken) =>
        await _blobService.GetBlobContainerClient(container).GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
