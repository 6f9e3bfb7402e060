using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace LaaWorkflow.Benchmarks.Storage;

/// <summary>A typical entity of ours: a partner's consultation row with a few typed properties.</summary>
internal sealed class StorageSample : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Partner { get; set; } = "";

    public string Status { get; set; } = "";

    public int Count { get; set; }

    public long Sequence { get; set; }

    public double Baseline { get; set; }

    public bool Answered { get; set; }

    public DateTime DueAt { get; set; }

    public static StorageSample Entity(string partition, int i) => new()
    {
        PartitionKey = partition,
        RowKey = i.ToString("D6", CultureInfo.InvariantCulture),
        Partner = "northumbria-police",
        Status = "invited",
        Count = i,
        Sequence = 5_000_000_000L + i,
        Baseline = 18.2,
        Answered = i % 2 == 0,
        DueAt = new DateTime(2008, 4, 14, 17, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>One partition's hundred entities, the most one entity group transaction takes.</summary>
    public static List<StorageSample> Batch(string partition) => [.. Enumerable.Range(0, 100).Select(i => Entity(partition, i))];

    public static List<TableTransactionAction> Transaction(string partition) =>
        [.. Batch(partition).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))];
}
