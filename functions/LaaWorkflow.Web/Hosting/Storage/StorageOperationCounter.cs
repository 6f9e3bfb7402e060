using System.Collections.Frozen;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LaaWorkflow.Web.Hosting.Storage;

/// <summary>
/// Counts each logical storage request the app's clients make, by service and kind. Added per call (not per retry),
/// so a retried request counts once; cheap enough to stay on always, and read by <c>GET /api/dev/metrics</c> to put a
/// figure on storage operations per unit of work.
/// </summary>
internal sealed class StorageOperationCounter(string service) : HttpPipelineSynchronousPolicy
{
    public const string Table = "table";
    public const string Queue = "queue";
    public const string Blob = "blob";

    private static readonly string[] s_kinds =
    [
        "table.read", "table.query", "table.write", "table.batch", "table.other",
        "queue.send", "queue.receive", "queue.peek", "queue.delete", "queue.update", "queue.metadata", "queue.other",
        "blob.write", "blob.read", "blob.delete", "blob.other",
    ];

    private static readonly FrozenDictionary<string, int> s_index = s_kinds.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    private static readonly long[] s_counts = new long[s_kinds.Length];

    /// <summary>The kinds counted, in a stable order.</summary>
    public static IReadOnlyList<string> Kinds => s_kinds;

    /// <summary>Every kind's count since the process started.</summary>
    public static IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long>(s_kinds.Length, StringComparer.Ordinal);
        for (var i = 0; i < s_kinds.Length; i++)
        {
            result[s_kinds[i]] = Interlocked.Read(ref s_counts[i]);
        }

        return result;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (Classify(service, request.Method, request.Uri.Path, request.Uri.Query) is { } kind)
        {
            Interlocked.Increment(ref s_counts[s_index[kind]]);
        }
    }

    /// <summary>The kind of a request, from its method and address alone (the SDK's requests carry nothing more telling).</summary>
    internal static string? Classify(string service, RequestMethod method, string path, string query)
    {
        var name = method.Method;
        return service switch
        {
            Table when path.EndsWith("/$batch", StringComparison.Ordinal) => "table.batch",
            Table when name == "GET" => path.EndsWith(')') && path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "table.read" : "table.query",
            Table when name is "PUT" or "POST" or "MERGE" or "PATCH" or "DELETE" => "table.write",
            Table => "table.other",
            Queue when path.Contains("/messages/", StringComparison.Ordinal) && name == "DELETE" => "queue.delete",
            Queue when path.Contains("/messages/", StringComparison.Ordinal) && name == "PUT" => "queue.update",
            Queue when path.EndsWith("/messages", StringComparison.Ordinal) && name == "POST" => "queue.send",
            Queue when path.EndsWith("/messages", StringComparison.Ordinal) && name == "GET" =>
                query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "queue.peek" : "queue.receive",
            Queue when query.Contains("comp=metadata", StringComparison.Ordinal) => "queue.metadata",
            Queue => "queue.other",
            Blob when name == "PUT" => "blob.write",
            Blob when name is "GET" or "HEAD" => "blob.read",
            Blob when name == "DELETE" => "blob.delete",
            Blob => "blob.other",
            _ => null,
        };
    }
}
