namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>One table row as the backend sees it: keys, the ETag it was read with, and its properties.</summary>
internal sealed class StoredRow
{
    public StoredRow(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public string? ETag { get; set; }

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Values.GetValueOrDefault(name);
        set => Values[name] = value;
    }

    public string? GetString(string name) => Values.GetValueOrDefault(name) as string;

    public long GetInt64(string name) => Values.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        string s when long.TryParse(s, out var parsed) => parsed,
        _ => 0,
    };

    public bool GetBoolean(string name) => Values.GetValueOrDefault(name) is true;

    public DateTimeOffset? GetDateTime(string name) => Values.GetValueOrDefault(name) switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s when DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };
}
