using System.Collections.Frozen;

namespace LaaWorkflow.AzureStorage.Diagnostics;

/// <summary>
/// Process-wide counts of the storage requests every client of this library made, by service and kind (one count per
/// logical call, retries not included). Cheap enough to stay on always; read by measurement routes and benchmarks to
/// put a figure on storage operations per unit of work.
/// </summary>
public static class StorageOperationCounts
{
    private static readonly string[] s_names =
    [
        "table.read", "table.query", "table.write", "table.batch", "table.other",
        "queue.send", "queue.receive", "queue.peek", "queue.delete", "queue.update", "queue.metadata", "queue.other",
        "blob.write", "blob.read", "blob.delete", "blob.other",
    ];

    private static readonly FrozenDictionary<string, int> s_index = s_names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    private static readonly long[] s_counts = new long[s_names.Length];

    /// <summary>The kinds counted, in a stable order.</summary>
    public static IReadOnlyList<string> Kinds => s_names;

    /// <summary>Every kind's count so far.</summary>
    public static IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long>(s_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < s_names.Length; i++)
        {
            result[s_names[i]] = Interlocked.Read(ref s_counts[i]);
        }

        return result;
    }

    internal static void Add(string kind) => Interlocked.Increment(ref s_counts[s_index[kind]]);
}
