using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Diagnostics;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>Builds the Azure.Core pipeline (retries, logging, diagnostics) with the storage authentication.</summary>
internal static class StoragePipeline
{
    /// <summary>The token scope for Azure Storage data access with a managed identity.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(ClientOptions options, string version, SharedKeySigner signer, bool tableLite) =>
        HttpPipelineBuilder.Build(options, [new StorageHeadersPolicy(version), CountingPolicy.For(options)], [new SharedKeyPolicy(signer, tableLite)], new ResponseClassifier());

    public static HttpPipeline Build(ClientOptions options, string version, TokenCredential credential) =>
        HttpPipelineBuilder.Build(
            options,
            [new StorageHeadersPolicy(version), CountingPolicy.For(options)],
            [new BearerTokenAuthenticationPolicy(credential, StorageScope)],
            new ResponseClassifier());

    /// <summary>The account a path-style endpoint (emulator: http://host:port/account) names, or the host's first label.</summary>
    public static string AccountFromEndpoint(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.Trim('/');
        if (path.Length > 0 && (endpoint.IsLoopback || System.Net.IPAddress.TryParse(endpoint.Host, out _)))
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? path : path[..slash];
        }

        var dot = endpoint.Host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? endpoint.Host : endpoint.Host[..dot];
    }
}
