using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;

namespace LaaWorkflow.AzureStorage.Diagnostics;

/// <summary>Counts each logical request (placed per call, so retries count once) by what it does to storage.</summary>
internal sealed class CountingPolicy(string service) : HttpPipelineSynchronousPolicy
{
    public static CountingPolicy For(ClientOptions options) => new(options switch
    {
        TableClientOptions => "table",
        QueueClientOptions => "queue",
        BlobClientOptions => "blob",
        _ => "other",
    });

    public override void OnSendingRequest(HttpMessage message)
    {
        var kind = Classify(service, message.Request.Method, message.Request.Uri.Path, message.Request.Uri.Query);
        if (kind is not null)
        {
            StorageOperationCounts.Add(kind);
        }
    }

    internal static string? Classify(string service, RequestMethod method, string path, string query)
    {
        var name = method.Method;
        return service switch
        {
            "table" when path.EndsWith("/$batch", StringComparison.Ordinal) => "table.batch",
            "table" when name == "GET" => path.EndsWith(')') && path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "table.read" : "table.query",
            "table" when name is "PUT" or "POST" or "MERGE" or "PATCH" or "DELETE" => "table.write",
            "table" => "table.other",
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) && name == "DELETE" => "queue.delete",
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) && name == "PUT" => "queue.update",
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) && name == "POST" => "queue.send",
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) && name == "GET" =>
                query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "queue.peek" : "queue.receive",
            "queue" when query.Contains("comp=metadata", StringComparison.Ordinal) => "queue.metadata",
            "queue" => "queue.other",
            "blob" when name == "PUT" => "blob.write",
            "blob" when name is "GET" or "HEAD" => "blob.read",
            "blob" when name == "DELETE" => "blob.delete",
            "blob" => "blob.other",
            _ => null,
        };
    }
}
