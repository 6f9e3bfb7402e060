using System.Collections.Concurrent;
using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

/// <summary>
/// History and the authoritative instance row in one History-table partition per instance, committed together in
/// one ETag-guarded entity-group transaction; the Instances table is an index for list queries, written after.
/// </summary>
internal sealed partial class AzureTrackingStore : ITrackingStore
{
    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly IPayloadStore _payloads;
    private readonly ILogger _logger;

    /// <summary>
    /// What this host knows of each instance's row layout at a given ETag, so a commit against its own last version
    /// needs no read. Any other ETag is resolved by reading the status row.
    /// </summary>
    private readonly ConcurrentDictionary<string, Layout> _layouts = new(StringComparer.Ordinal);

    public AzureTrackingStore(HubStorage storage, TaskHubNames names, IPayloadStore payloads, ILogger logger)
    {
        _storage = storage;
        _names = names;
        _payloads = payloads;
        _logger = logger;
    }

    private string History => _names.HistoryTable;

    private string Index => _names.InstancesTable;

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        var row = await _storage.GetRowAsync(History, KeyEncoding.Encode(instanceId), InstanceRow.StatusRowKey, cancellationToken);
        return row is null ? null : await InstanceRow.ReadAsync(row, includePayloads, _payloads, cancellationToken);
    }

    public async Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var record = await GetInstanceAsync(instanceId, includePayloads: true, cancellationToken);
            if (condition(record))
            {
                return record;
            }

            // Table storage has no change feed; poll, backing off so a long wait costs few requests.
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    public async Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var pk = KeyEncoding.Encode(pending.InstanceId);
        var existing = await _storage.GetRowAsync(History, pk, InstanceRow.StatusRowKey, cancellationToken);
        if (existing is not null && !IsTerminal(existing))
        {
            return false;
        }

        // A restart of a finished instance begins a new generation: its old history rows are simply no longer read.
        var row = new StoredRow(pk, InstanceRow.StatusRowKey)
        {
            ETag = existing?.ETag,
            ["HasHistory"] = false,
            ["Generation"] = existing is null ? 0L : existing.GetInt64("Generation") + 1,
            ["ChunkCount"] = 0L,
            ["Episode"] = existing?.GetInt64("Episode") ?? 0L,
        };
        await InstanceRow.WriteAsync(row, pending, _payloads, cancellationToken);
        try
        {
            await _storage.WriteRowAsync(
                History, new RowOperation(existing is null ? RowOperationKind.Insert : RowOperationKind.ReplaceIfMatch, row), cancellationToken);
        }
        catch (StorageConflictException)
        {
            return false;
        }

        _layouts.TryRemove(pending.InstanceId, out _);
        await WriteIndexAsync(row, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await _storage.QueryPartitionAsync(History, KeyEncoding.Encode(instanceId), cancellationToken);
        var status = rows.FirstOrDefault(r => r.RowKey == InstanceRow.StatusRowKey);
        if (status is null || !status.GetBoolean("HasHistory"))
        {
            return [];
        }

        var prefix = HistoryChunks.Prefix(status.GetInt64("Generation"));
        return await HistoryChunks.ReadAsync(rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)), _payloads, cancellationToken);
    }

    /// <summary>Upserts the index row from the authoritative row's columns; harmless to repeat.</summary>
    private async Task WriteIndexAsync(StoredRow statusRow, CancellationToken cancellationToken)
    {
        var index = new StoredRow(statusRow.PartitionKey, "");
        InstanceRow.CopyColumns(statusRow, index);
        await _storage.WriteRowAsync(Index, new RowOperation(RowOperationKind.Upsert, index), cancellationToken);
    }

    private static bool IsTerminal(StoredRow row) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var status) && status.IsTerminal();

    /// <summary>The row layout at one version of the status row.</summary>
    /// <summary>Where an instance's rows are, as of its last checkpoint; <paramref name="Finished"/> layouts are dropped once their outbox is cleared.</summary>
    private sealed record Layout(string ETag, long Generation, long ChunkCount, long Episode, string? OutboxRow, int OutboxChunks, bool Finished = false);
}
