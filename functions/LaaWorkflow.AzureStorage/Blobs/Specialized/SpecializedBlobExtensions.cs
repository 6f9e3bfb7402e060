namespace LaaWorkflow.AzureStorage.Blobs.Specialized;

/// <summary>Lease clients from blob and container clients, as Azure.Storage.Blobs.Specialized offers them.</summary>
public static class SpecializedBlobExtensions
{
    public static BlobLeaseClient GetBlobLeaseClient(this BlobClient client, string? leaseId = null) => new(client, leaseId);

    public static BlobLeaseClient GetBlobLeaseClient(this BlobContainerClient client, string? leaseId = null) => new(client, leaseId);
}
