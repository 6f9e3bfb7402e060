using Azure.Core;

namespace LaaWorkflow.AzureStorage.Blobs;

/// <summary>Options for the blob clients: retries, diagnostics and transport.</summary>
public sealed class BlobClientOptions : ClientOptions
{
    /// <summary>The Blob service REST version the clients speak.</summary>
    public const string ServiceVersion = "2021-12-02";
}
