using System.Globalization;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.InMemory;

/// <summary>History, instance rows and the outbox; one lock makes every commit atomic.</summary>
internal sealed partial class InMemoryStore : ITrackingStore
{
    public Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(instanceId, out var slot) || slot.Row is null)
            {
                return Task.FromResult<InstanceState?>(null);
            }

            return Task.FromResult<InstanceState?>(new InstanceState(slot.Row, [.. slot.History], ETag(slot), [.. slot.Outbox]));
        }
    }

    public Task<string> CommitAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_gate)
        {
            var slot = GetOrCreateSlot(checkpoint.InstanceId);
            var matches = checkpoint.ExpectedETag is null ? slot.Row is null : ETag(slot) == checkpoint.ExpectedETag;
            if (!matches)
            {
                throw new CheckpointConflictException(
                    $"Instance '{checkpoint.InstanceId}' is at version {ETag(slot)}, not {checkpoint.ExpectedETag ?? "(new)"}.");
            }

            if (checkpoint.ReplaceHistory)
            {
                slot.History = [.. checkpoint.NewEvents];
            }
            else
            {
                slot.History.AddRange(checkpoint.NewEvents);
            }

            slot.Row = checkpoint.Instance;
            slot.Outbox = [.. checkpoint.Outbox];
            slot.Version++;
            Pulse();
            return Task.FromResult(ETag(slot));
        }
    }

    public Task ClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(instanceId, out var slot) && ETag(slot) == etag)
            {
                slot.Outbox.Clear();
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryCreatePendingAsync(InstanceRecord pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        lock (_gate)
        {
            var slot = GetOrCreateSlot(pending.InstanceId);
            if (slot.Row is { } existing && !existing.RuntimeStatus.IsTerminal())
            {
                return Task.FromResult(false);
            }

            slot.Row = pending;
            slot.Version++;
            MarkIfReady(pending.InstanceId, slot);
            Pulse();
            return Task.FromResult(true);
        }
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var row = _slots.TryGetValue(instanceId, out var slot) ? slot.Row : null;
            return Task.FromResult(row is null ? null : Shape(row, includePayloads));
        }
    }

    public async Task<InstanceRecord?> WaitForInstanceAsync(string instanceId, Func<InstanceRecord?, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var row = _slots.TryGetValue(instanceId, out var slot) ? slot.Row : null;
                if (condition(row))
                {
                    return row;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var after = query.ContinuationToken;
            var rows = _slots
                .Where(s => s.Value.Row is not null)
                .Select(s => s.Value.Row!)
                .Where(r => after is null || string.CompareOrdinal(r.InstanceId, after) > 0)
                .Where(r => query.Statuses is not { Count: > 0 } || query.Statuses.Contains(r.RuntimeStatus))
                .Where(r => query.CreatedFrom is null || r.CreatedAt >= query.CreatedFrom)
                .Where(r => query.CreatedTo is null || r.CreatedAt <= query.CreatedTo)
                .Where(r => query.InstanceIdPrefix is null || r.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .OrderBy(r => r.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize + 1)
                .ToList();
            var more = rows.Count > query.PageSize;
            var page = rows.Take(query.PageSize).Select(r => Shape(r, query.IncludePayloads)).ToList();
            return Task.FromResult(new InstanceQueryPage(page, more ? page[^1].InstanceId : null));
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _slots.TryGetValue(instanceId, out var slot) ? [.. slot.History] : [];
            return Task.FromResult(history);
        }
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(instanceId, out var slot) || slot.Row is not { } row || !row.RuntimeStatus.IsTerminal())
            {
                return Task.FromResult(false);
            }

            _slots.Remove(instanceId);
            RemovePayloads(instanceId);
            Pulse();
            return Task.FromResult(true);
        }
    }

    private static string ETag(Slot slot) => slot.Version.ToString(CultureInfo.InvariantCulture);

    private static InstanceRecord Shape(InstanceRecord row, bool includePayloads) =>
        includePayloads ? row : row with { Input = null, Output = null };
}
