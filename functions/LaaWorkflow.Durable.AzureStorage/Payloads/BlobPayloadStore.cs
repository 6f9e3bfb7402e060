using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Payloads;

/// <summary>Large payloads as blobs named <c>{instance}/{guid}</c> in the hub's large-payload container.</summary>
internal sealed class BlobPayloadStore : IPayloadStore
{
    private readonly HubStorage _storage;
    private readonly string _container;

    public BlobPayloadStore(HubStorage storage, string container)
    {
        _storage = storage;
        _container = container;
    }

    /// <summary>Blob names must not hold '%'-escapes that a URL layer could decode twice; '~' is safe and unused by the key encoding.</summary>
    public static string PrefixOf(string instanceId) => KeyEncoding.Encode(instanceId).Replace('%', '~') + "/";

    public async Task<string> UploadAsync(string instanceId, string payload, CancellationToken cancellationToken)
    {
        var name = PrefixOf(instanceId) + Guid.NewGuid().ToString("N");
        await _storage.UploadTextAsync(_container, name, payload, cancellationToken);
        return name;
    }

    public Task<string> DownloadAsync(string reference, CancellationToken cancellationToken) =>
        _storage.DownloadTextAsync(_container, reference, cancellationToken);

    public async Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        foreach (var name in await _storage.ListBlobsAsync(_container, PrefixOf(instanceId), cancellationToken))
        {
            await _storage.DeleteBlobAsync(_container, name, cancellationToken);
        }
    }
}
