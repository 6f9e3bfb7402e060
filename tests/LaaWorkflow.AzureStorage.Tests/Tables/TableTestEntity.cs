using System.Runtime.Serialization;
using Azure;
using LaaWorkflow.AzureStorage.Tables;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

public enum Phase
{
    Drafting,
    Consultation,
}

public sealed class TableTestEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Text { get; set; }

    public int Count { get; set; }

    public long Big { get; set; }

    public double Ratio { get; set; }

    public bool Flag { get; set; }

    public DateTime When { get; set; }

    public DateTimeOffset? WhenOffset { get; set; }

    public Guid Id { get; set; }

    public byte[]? Bytes { get; set; }

    public Phase Phase { get; set; }

    [IgnoreDataMember]
    public string Ignored { get; set; } = "not stored";
}
