using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

internal sealed partial class AzureTrackingStore
{
    public async Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var pk = KeyEncoding.Encode(instanceId);
        var rows = await _storage.QueryPartitionAsync(History, pk, cancellationToken);
        var status = rows.FirstOrDefault(r => r.RowKey == InstanceRow.StatusRowKey);
        if (status is null)
        {
            return null;
        }

        // Every load repairs the index from the authoritative row: a host that died between a checkpoint and its
        // index write left the index behind, and the redelivered messages bring the instance back here.
        await WriteIndexAsync(status, cancellationToken);
        if (!status.GetBoolean("HasHistory"))
        {
            // Created but not started (a scheduled start): the engine still needs the Pending row, so that a
            // terminate can end the instance at once and the delayed start is then discarded.
            var pendingRecord = await InstanceRow.ReadAsync(status, includePayloads: false, _payloads, cancellationToken);
            return new InstanceState(pendingRecord, [], status.ETag!, []);
        }

        var generation = status.GetInt64("Generation");
        var prefix = HistoryChunks.Prefix(generation);
        var current = rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var history = await HistoryChunks.ReadAsync(current, _payloads, cancellationToken);
        var outboxPrefix = status.GetString("OutboxRow");
        var outbox = new List<TaskMessage>();
        foreach (var row in outboxPrefix is null ? [] : rows.Where(r => r.RowKey.StartsWith(outboxPrefix, StringComparison.Ordinal)))
        {
            outbox.AddRange(HistoryChunks.DeserializeMessages(await PayloadSpill.GetAsync(row, "Messages", _payloads, cancellationToken)));
        }

        var record = await InstanceRow.ReadAsync(status, includePayloads: true, _payloads, cancellationToken);
        _layouts[instanceId] = new Layout(status.ETag!, generation, status.GetInt64("ChunkCount"), status.GetInt64("Episode"), outboxPrefix, (int)status.GetInt64("OutboxChunks"));

        // Left over from crashes: history of replaced executions, outboxes already superseded by a later checkpoint.
        var stale = rows.Where(r =>
            (HistoryChunks.IsChunk(r) && !r.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            || (r.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal) && (outboxPrefix is null || !r.RowKey.StartsWith(outboxPrefix, StringComparison.Ordinal)))).ToList();
        if (stale.Count > 0)
        {
            await DeleteRowsAsync(stale, cancellationToken);
        }

        return new InstanceState(record, history, status.ETag!, outbox);
    }

    public async Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var instanceId = checkpoint.InstanceId;
        var pk = KeyEncoding.Encode(instanceId);
        var (etag, generation, chunkCount, episode) = await ResolveLayoutAsync(checkpoint, pk, cancellationToken);
        episode++;
        if (checkpoint.ReplaceHistory)
        {
            generation++;
            chunkCount = 0;
        }

        var chunkRows = await HistoryChunks.ToRowsAsync(instanceId, generation, chunkCount, checkpoint.NewEvents, _payloads, cancellationToken);
        var status = new StoredRow(pk, InstanceRow.StatusRowKey)
        {
            ETag = etag,
            ["HasHistory"] = true,
            ["Generation"] = generation,
            ["ChunkCount"] = chunkCount + chunkRows.Count,
            ["Episode"] = episode,
        };
        await InstanceRow.WriteAsync(status, checkpoint.Instance, _payloads, cancellationToken);

        var operations = new List<RowOperation>(chunkRows.Count + 2)
        {
            new(etag is null ? RowOperationKind.Insert : RowOperationKind.ReplaceIfMatch, status),
        };
        operations.AddRange(chunkRows.Select(r => new RowOperation(RowOperationKind.Upsert, r)));

        // The outbox is its own row, named by episode, so clearing it after the sends never touches the status row's
        // ETag (the version the engine caches) and can never remove a later checkpoint's outbox.
        string? outboxKey = null;
        var outboxChunks = 0;
        if (checkpoint.Outbox.Count > 0)
        {
            outboxKey = OutboxRowKey(episode);
            var packed = HistoryChunks.PackMessages(checkpoint.Outbox);
            if (operations.Count + packed.Count > 100)
            {
                // A huge fan-out: one blob holds the whole outbox, so the transaction stays within 100 rows.
                packed = [HistoryChunks.SerializeMessages(checkpoint.Outbox)];
            }

            for (var i = 0; i < packed.Count; i++)
            {
                var outboxRow = new StoredRow(pk, OutboxChunkKey(outboxKey, i));
                await PayloadSpill.SetAsync(outboxRow, "Messages", packed[i], instanceId, _payloads, cancellationToken);
                operations.Add(new RowOperation(RowOperationKind.Upsert, outboxRow));
            }

            outboxChunks = packed.Count;
        }

        status["OutboxRow"] = outboxKey;
        status["OutboxChunks"] = outboxChunks;

        string newETag;
        try
        {
            newETag = await _storage.SubmitTransactionAsync(History, operations, cancellationToken)
                ?? throw new InvalidOperationException("The checkpoint transaction returned no ETag for the status row.");
        }
        catch (StorageConflictException ex)
        {
            _layouts.TryRemove(instanceId, out _);
            Logs.CheckpointConflict(_logger, instanceId);
            throw new CheckpointConflictException($"Instance '{instanceId}' was committed by another worker since it was loaded.", ex);
        }

        // A finished instance is not kept: held for every completed negotiation, these layouts would grow with the run.
        var finished = checkpoint.Instance.RuntimeStatus.IsTerminal();
        if (finished && outboxChunks == 0)
        {
            _layouts.TryRemove(instanceId, out _);
        }
        else
        {
            _layouts[instanceId] = new Layout(newETag, generation, chunkCount + chunkRows.Count, episode, outboxKey, outboxChunks, finished);
        }

        await WriteIndexAsync(status, cancellationToken);
        return newETag;
    }

    /// <summary>
    /// The ETag to guard the write with and where the new chunks go. A null expected ETag means the engine saw no
    /// history: the write must then find no row, or only the Pending row a client created.
    /// </summary>
    public async Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken)
    {
        var pk = KeyEncoding.Encode(instanceId);
        string? outboxKey;
        int chunks;
        if (_layouts.TryGetValue(instanceId, out var known) && known.ETag == etag)
        {
            (outboxKey, chunks) = (known.OutboxRow, known.OutboxChunks);
        }
        else
        {
            var status = await _storage.GetRowAsync(History, pk, InstanceRow.StatusRowKey, cancellationToken);
            (outboxKey, chunks) = status?.ETag == etag ? (status.GetString("OutboxRow"), (int)status.GetInt64("OutboxChunks")) : (null, 0);
        }

        if (outboxKey is not null && chunks > 0)
        {
            await DeleteRowsAsync([.. Enumerable.Range(0, chunks).Select(i => new StoredRow(pk, OutboxChunkKey(outboxKey, i)))], cancellationToken);
        }

        if (known is { Finished: true })
        {
            _layouts.TryRemove(instanceId, out _);
        }
    }

    private const string OutboxPrefix = "o";

    private static string OutboxRowKey(long episode) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{OutboxPrefix}{episode:D10}-");

    private static string OutboxChunkKey(string outboxKey, int chunk) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{outboxKey}{chunk:D3}");

    private async Task<(string? ETag, long Generation, long ChunkCount, long Episode)> ResolveLayoutAsync(Checkpoint checkpoint, string pk, CancellationToken cancellationToken)
    {
        if (checkpoint.ExpectedETag is not null
            && _layouts.TryGetValue(checkpoint.InstanceId, out var known)
            && known.ETag == checkpoint.ExpectedETag)
        {
            return (known.ETag, known.Generation, known.ChunkCount, known.Episode);
        }

        var row = await _storage.GetRowAsync(History, pk, InstanceRow.StatusRowKey, cancellationToken);
        if (checkpoint.ExpectedETag is null)
        {
            if (row is null)
            {
                return (null, 0, 0, 0);
            }

            if (!row.GetBoolean("HasHistory"))
            {
                return (row.ETag, row.GetInt64("Generation"), 0, row.GetInt64("Episode"));
            }
        }
        else if (row is not null && row.ETag == checkpoint.ExpectedETag)
        {
            return (row.ETag, row.GetInt64("Generation"), row.GetInt64("ChunkCount"), row.GetInt64("Episode"));
        }

        _layouts.TryRemove(checkpoint.InstanceId, out _);
        Logs.CheckpointConflict(_logger, checkpoint.InstanceId);
        throw new CheckpointConflictException($"Instance '{checkpoint.InstanceId}' changed since it was loaded.");
    }

    private async Task DeleteRowsAsync(IReadOnlyList<StoredRow> rows, CancellationToken cancellationToken)
    {
        // An entity-group transaction holds at most 100 operations.
        foreach (var batch in rows.Chunk(100))
        {
            try
            {
                await _storage.SubmitTransactionAsync(
                    History, [.. batch.Select(r => new RowOperation(RowOperationKind.Delete, new StoredRow(r.PartitionKey, r.RowKey)))], cancellationToken);
            }
            catch (StorageConflictException)
            {
                // Someone deleted some of them already (a purge or another host's cleanup); the rest go next time.
            }
        }
    }
}
