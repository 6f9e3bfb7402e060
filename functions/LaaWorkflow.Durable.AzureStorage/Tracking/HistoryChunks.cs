using System.Globalization;
using System.Text;
using System.Text.Json;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

/// <summary>
/// History is stored as chunk rows, each a JSON array of events up to one table property's size, so one checkpoint
/// is a handful of rows whatever its fan-out, and stays inside one entity-group transaction (at most 100 rows).
/// Row keys <c>h{generation}-{sequence}</c>: a new execution (ContinueAsNew, restart) starts a new generation, so
/// replacing history never has to delete rows inside the checkpoint transaction.
/// </summary>
internal static class HistoryChunks
{
    /// <summary>Above this many chunks one checkpoint's events go to one blob instead (keeps the batch under 4 MB).</summary>
    public const int MaxInlineChunks = 40;

    public static string Prefix(long generation) => string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-");

    public static string RowKey(long generation, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-{sequence:D6}");

    public static bool IsChunk(StoredRow row) => row.RowKey.StartsWith('h');

    public static string Serialize(IReadOnlyList<HistoryEvent> events) =>
        JsonSerializer.Serialize(events, DurableJson.Options);

    public static List<HistoryEvent> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, DurableJson.Options) ?? [];

    public static string SerializeMessages(IReadOnlyList<TaskMessage> messages) =>
        JsonSerializer.Serialize(messages, DurableJson.Options);

    public static List<TaskMessage> DeserializeMessages(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<TaskMessage>>(json, DurableJson.Options) ?? [];

    /// <summary>Packs the events into chunk texts (JSON arrays) no longer than one table property.</summary>
    public static List<string> Pack(IReadOnlyList<HistoryEvent> events) =>
        PackJson(events.Select(e => JsonSerializer.Serialize(e, DurableJson.Options)));

    /// <summary>Packs the messages into chunk texts (JSON arrays) no longer than one table property.</summary>
    public static List<string> PackMessages(IReadOnlyList<TaskMessage> messages) =>
        PackJson(messages.Select(m => JsonSerializer.Serialize(m, DurableJson.Options)));

    private static List<string> PackJson(IEnumerable<string> items)
    {
        var chunks = new List<string>();
        var current = new StringBuilder("[");
        foreach (var json in items)
        {
            if (current.Length > 1 && current.Length + json.Length + 2 > PayloadSpill.MaxInlinePropertyChars)
            {
                chunks.Add(current.Append(']').ToString());
                current.Clear().Append('[');
            }

            if (current.Length > 1)
            {
                current.Append(',');
            }

            current.Append(json);
        }

        if (current.Length > 1)
        {
            chunks.Add(current.Append(']').ToString());
        }

        return chunks;
    }

    /// <summary>The chunk rows of one checkpoint; oversized chunks or too many of them go to the payload store.</summary>
    public static async Task<List<StoredRow>> ToRowsAsync(
        string instanceId, long generation, long firstSequence, IReadOnlyList<HistoryEvent> events, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        var pk = KeyEncoding.Encode(instanceId);
        var packed = Pack(events);
        if (packed.Count > MaxInlineChunks)
        {
            var reference = await payloads.UploadAsync(instanceId, Serialize(events), cancellationToken);
            return [new StoredRow(pk, RowKey(generation, firstSequence)) { ["EventsBlob"] = reference }];
        }

        var rows = new List<StoredRow>(packed.Count);
        for (var i = 0; i < packed.Count; i++)
        {
            var row = new StoredRow(pk, RowKey(generation, firstSequence + i));
            await PayloadSpill.SetAsync(row, "Events", packed[i], instanceId, payloads, cancellationToken);
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<List<HistoryEvent>> ReadAsync(IEnumerable<StoredRow> chunkRows, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>();
        foreach (var row in chunkRows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var json = await PayloadSpill.GetAsync(row, "Events", payloads, cancellationToken);
            if (!string.IsNullOrEmpty(json))
            {
                events.AddRange(Deserialize(json));
            }
        }

        return events;
    }
}
