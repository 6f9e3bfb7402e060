using System.Globalization;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

internal sealed partial class AzureTrackingStore
{
    public async Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (rows, token) = await _storage.QueryPageAsync(Index, FilterOf(query), Math.Clamp(query.PageSize, 1, 1000), query.ContinuationToken, cancellationToken);
        var records = new List<InstanceRecord>(rows.Count);
        foreach (var row in rows)
        {
            records.Add(await InstanceRow.ReadAsync(row, query.IncludePayloads, _payloads, cancellationToken));
        }

        return new InstanceQueryPage(records, token);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var pk = KeyEncoding.Encode(instanceId);
        var rows = await _storage.QueryPartitionAsync(History, pk, cancellationToken);
        var status = rows.FirstOrDefault(r => r.RowKey == InstanceRow.StatusRowKey);
        if (status is null || !IsTerminal(status))
        {
            return false;
        }

        // History first and the status row last: a purge that dies part way leaves a terminal status row, so it can
        // be purged again, and never history without its status.
        await DeleteRowsAsync([.. rows.Where(r => r.RowKey != InstanceRow.StatusRowKey)], cancellationToken);
        await _storage.DeleteRowAsync(Index, pk, "", cancellationToken);
        await _payloads.DeleteAllAsync(instanceId, cancellationToken);
        await _storage.DeleteRowAsync(History, pk, InstanceRow.StatusRowKey, cancellationToken);
        _layouts.TryRemove(instanceId, out _);
        return true;
    }

    /// <summary>The OData filter of a query: status, created range and id prefix, all on the index table's own columns and keys.</summary>
    internal static string? FilterOf(InstanceQuery query)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Distinct().Select(s => $"RuntimeStatus eq '{s}'")) + ")");
        }

        if (query.CreatedFrom is { } from)
        {
            clauses.Add($"CreatedAt ge datetime'{Iso(from)}'");
        }

        if (query.CreatedTo is { } to)
        {
            clauses.Add($"CreatedAt le datetime'{Iso(to)}'");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var low = KeyEncoding.Encode(query.InstanceIdPrefix);
            var high = low[..^1] + (char)(low[^1] + 1);
            clauses.Add($"PartitionKey ge '{Quote(low)}' and PartitionKey lt '{Quote(high)}'");
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
