using Azure.Core;

namespace LaaWorkflow.AzureStorage.Blobs;

/// <summary>The Blob service of one account: hands out container clients that share its pipeline.</summary>
public class BlobServiceClient
{
    private readonly BlobRequests _requests;
    private readonly Uri _uri;

    public BlobServiceClient(string connectionString)
        : this(connectionString, new BlobClientOptions())
    {
    }

    public BlobServiceClient(string connectionString, BlobClientOptions options)
    {
        _requests = BlobRequests.FromConnectionString(connectionString, options, out _uri);
    }

    /// <summary>A client authorised by a token credential (managed identity).</summary>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, BlobClientOptions? options = null)
    {
        _requests = BlobRequests.FromCredential(serviceUri, credential, options);
        _uri = serviceUri;
    }

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
        _requests = null!;
        _uri = null!;
    }

    public virtual string AccountName => _requests.AccountName;

    public virtual Uri Uri => _uri;

    /// <summary>A client for one container (nothing is sent).</summary>
    public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName) => new(_requests, _uri, blobContainerName);
}
