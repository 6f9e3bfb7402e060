using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>
/// An entity as a dictionary of property name to value, with typed getters. Values are string, int, long, double,
/// bool, DateTimeOffset, Guid or byte[]/BinaryData; the keys, Timestamp and ETag are kept under their wire names.
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";
    internal const string ETagName = "odata.etag";

    private readonly Dictionary<string, object> _properties;

    public TableEntity()
    {
        _properties = new Dictionary<string, object>(StringComparer.Ordinal);
    }

    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _properties = new Dictionary<string, object>(values, StringComparer.Ordinal);
    }

    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? "";
        set => _properties[PartitionKeyName] = value;
    }

    public string RowKey
    {
        get => GetString(RowKeyName) ?? "";
        set => _properties[RowKeyName] = value;
    }

    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => Set(TimestampName, value);
    }

    public ETag ETag
    {
        get => _properties.TryGetValue(ETagName, out var value) && value is string text ? new ETag(text) : default;
        set => Set(ETagName, value == default ? null : value.ToString());
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object> Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object>>.IsReadOnly => false;

    /// <summary>Gets or sets a property; setting null removes it (tables store no nulls).</summary>
    public object this[string key]
    {
        get => _properties[key];
        set => Set(key, value);
    }

    public string? GetString(string key) => Get<string>(key);

    public int? GetInt32(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        int i => i,
        null => null,
        _ => throw WrongType(key, value, typeof(int)),
    } : null;

    public long? GetInt64(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        long l => l,
        int i => i,
        null => null,
        _ => throw WrongType(key, value, typeof(long)),
    } : null;

    public double? GetDouble(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        double d => d,
        int i => i,
        long l => l,
        null => null,
        _ => throw WrongType(key, value, typeof(double)),
    } : null;

    public bool? GetBoolean(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        bool b => b,
        null => null,
        _ => throw WrongType(key, value, typeof(bool)),
    } : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        null => null,
        _ => throw WrongType(key, value, typeof(DateTimeOffset)),
    } : null;

    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    public Guid? GetGuid(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        Guid g => g,
        null => null,
        _ => throw WrongType(key, value, typeof(Guid)),
    } : null;

    public byte[]? GetBinary(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        null => null,
        _ => throw WrongType(key, value, typeof(byte[])),
    } : null;

    public BinaryData? GetBinaryData(string key) => _properties.TryGetValue(key, out var value) ? value switch
    {
        BinaryData data => data,
        byte[] bytes => new BinaryData(bytes),
        null => null,
        _ => throw WrongType(key, value, typeof(BinaryData)),
    } : null;

    public void Add(string key, object value) => _properties.Add(key, value);

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => _properties.TryGetValue(key, out value);

    public void Clear() => _properties.Clear();

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object>>.Add(KeyValuePair<string, object> item) => _properties.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object>>.Contains(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object>>.CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object>>.Remove(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)_properties).Remove(item);

    private T? Get<T>(string key)
        where T : class => _properties.TryGetValue(key, out var value) ? value switch
        {
            T typed => typed,
            null => null,
            _ => throw WrongType(key, value, typeof(T)),
        } : null;

    private void Set(string key, object? value)
    {
        if (value is null)
        {
            _properties.Remove(key);
        }
        else
        {
            _properties[key] = value;
        }
    }

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {wanted.Name}.");
}
