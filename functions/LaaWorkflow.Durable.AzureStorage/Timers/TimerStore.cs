using System.Globalization;
using LaaWorkflow.Durable.AzureStorage.Partitions;
using LaaWorkflow.Durable.AzureStorage.Storage;

namespace LaaWorkflow.Durable.AzureStorage.Timers;

/// <summary>
/// Durable timers as rows keyed by partition and fire time (the runtime's <see cref="TimeProvider"/> time), so the
/// owner of a partition finds its due timers with one key-range query and a timer months away is one row.
/// </summary>
internal sealed class TimerStore
{
    private readonly HubStorage _storage;
    private readonly string _table;

    public TimerStore(HubStorage storage, string table)
    {
        _storage = storage;
        _table = table;
    }

    public static string RowKeyOf(DateTimeOffset fireAt, string instanceId, string messageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{fireAt.UtcTicks:D19}-{KeyEncoding.Encode(instanceId)}-{KeyEncoding.Encode(messageId)}");

    /// <summary>Writes the timer; writing it again (a resend after a crash) changes nothing.</summary>
    public Task AddAsync(int partition, DateTimeOffset fireAt, string instanceId, string messageId, string messageText, CancellationToken cancellationToken)
    {
        var row = new StoredRow(PartitionLeaseManager.RowKeyOf(partition), RowKeyOf(fireAt, instanceId, messageId))
        {
            ["InstanceId"] = instanceId,
            ["FireAt"] = fireAt,
            ["Message"] = messageText,
        };
        return _storage.WriteRowAsync(_table, new RowOperation(RowOperationKind.Upsert, row), cancellationToken);
    }

    /// <summary>The timers of the partition due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<StoredRow>> DueAsync(int partition, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var upper = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks + 1:D19}");
        var filter = $"PartitionKey eq '{PartitionLeaseManager.RowKeyOf(partition)}' and RowKey lt '{upper}'";
        var (rows, _) = await _storage.QueryPageAsync(_table, filter, max, null, cancellationToken);
        return rows;
    }

    /// <summary>The fire time of the partition's earliest timer, if any.</summary>
    public async Task<DateTimeOffset?> EarliestAsync(int partition, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{PartitionLeaseManager.RowKeyOf(partition)}'";
        var (rows, _) = await _storage.QueryPageAsync(_table, filter, 1, null, cancellationToken);
        return rows.Count == 0 ? null : rows[0].GetDateTime("FireAt");
    }

    public Task DeleteAsync(StoredRow row, CancellationToken cancellationToken) =>
        _storage.DeleteRowAsync(_table, row.PartitionKey, row.RowKey, cancellationToken);
}
