using System.Globalization;
using LaaWorkflow.Durable.AzureStorage.Storage;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Partitions;

/// <summary>
/// Table-row leases, one per partition, so exactly one host dispatches a partition's control queue and timers.
/// Every change is ETag-guarded: two hosts racing for one lease cannot both win.
/// </summary>
/// <remarks>
/// Leases are measured in wall-clock time (<see cref="TimeProvider.System"/>), never the runtime's virtual clock:
/// advancing a virtual clock by months must not expire every lease at once.
/// </remarks>
internal sealed class PartitionLeaseManager
{
    internal const string LeasePartitionKey = "lease";

    private readonly HubStorage _storage;
    private readonly string _table;
    private readonly string _workerId;
    private readonly TimeSpan _leasePeriod;
    private readonly int _partitionCount;
    private readonly TimeProvider _wallClock;
    private readonly ILogger _logger;
    private readonly Dictionary<int, string> _ownedETags = [];
    private readonly HashSet<int> _draining = [];

    public PartitionLeaseManager(
        HubStorage storage, string table, string workerId, int partitionCount, TimeSpan leasePeriod, TimeProvider wallClock, ILogger logger)
    {
        _storage = storage;
        _table = table;
        _workerId = workerId;
        _partitionCount = partitionCount;
        _leasePeriod = leasePeriod;
        _wallClock = wallClock;
        _logger = logger;
    }

    /// <summary>The partitions this host holds a valid lease on, as of the last <see cref="BalanceAsync"/>.</summary>
    public IReadOnlyCollection<int> Owned
    {
        get
        {
            lock (_ownedETags)
            {
                return [.. _ownedETags.Keys];
            }
        }
    }

    public static string RowKeyOf(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Creates the lease rows a new hub needs; rows that exist are left alone.</summary>
    public async Task EnsureLeaseRowsAsync(CancellationToken cancellationToken)
    {
        var existing = await _storage.QueryPartitionAsync(_table, LeasePartitionKey, cancellationToken);
        for (var p = 0; p < _partitionCount; p++)
        {
            if (existing.Any(r => r.RowKey == RowKeyOf(p)))
            {
                continue;
            }

            var row = new StoredRow(LeasePartitionKey, RowKeyOf(p)) { ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.UnixEpoch, ["Epoch"] = 0L };
            try
            {
                await _storage.WriteRowAsync(_table, new RowOperation(RowOperationKind.Insert, row), cancellationToken);
            }
            catch (StorageConflictException)
            {
                // Another host created it first.
            }
        }
    }

    /// <summary>
    /// Decides whether a partition another host asked for can be handed over now (its in-flight work is done).
    /// Until it returns true the partition stays leased and draining: no new work is taken from it.
    /// </summary>
    public Func<int, bool> CanRelease { get; set; } = _ => true;

    /// <summary>Partitions another host asked for: this host takes no new work from them and releases them once drained.</summary>
    public IReadOnlyCollection<int> Draining
    {
        get
        {
            lock (_ownedETags)
            {
                return [.. _draining];
            }
        }
    }

    /// <summary>
    /// One round: renew what this host owns (handing over what another host asked for, once drained), take expired
    /// or released leases up to its fair share, and ask a host above its share for one lease while this one is
    /// below. Asking instead of taking means the two hosts never both dispatch one partition while both are alive.
    /// Returns the partitions gained and lost in this round.
    /// </summary>
    public async Task<(IReadOnlyList<int> Acquired, IReadOnlyList<int> Lost)> BalanceAsync(CancellationToken cancellationToken)
    {
        var now = _wallClock.GetUtcNow();
        var rows = await _storage.QueryPartitionAsync(_table, LeasePartitionKey, cancellationToken);
        var acquired = new List<int>();
        var lost = new List<int>();
        var owned = new HashSet<int>();

        foreach (var row in rows)
        {
            var partition = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
            bool wasMine;
            lock (_ownedETags)
            {
                wasMine = _ownedETags.ContainsKey(partition);
            }

            if (row.GetString("Owner") == _workerId && row.GetDateTime("ExpiresAt") > now)
            {
                var wanted = row.GetString("Wanted");
                if (!string.IsNullOrEmpty(wanted) && wanted != _workerId)
                {
                    lock (_ownedETags)
                    {
                        _draining.Add(partition);
                    }

                    if (CanRelease(partition) && await TryReleaseAsync(row, cancellationToken))
                    {
                        if (wasMine)
                        {
                            lost.Add(partition);
                        }

                        Forget(partition);
                        continue;
                    }
                }

                if (await TryTakeAsync(row, partition, now, cancellationToken))
                {
                    owned.Add(partition);
                    if (!wasMine)
                    {
                        // This host's own lease from before a restart (same worker id): resume at once.
                        acquired.Add(partition);
                    }

                    continue;
                }
            }

            if (wasMine)
            {
                lost.Add(partition);
                Forget(partition);
            }
        }

        var live = rows
            .Where(r => r.GetDateTime("ExpiresAt") > now && !string.IsNullOrEmpty(r.GetString("Owner")))
            .GroupBy(r => r.GetString("Owner")!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var hosts = live.Count + (live.ContainsKey(_workerId) ? 0 : 1);
        var target = (_partitionCount + hosts - 1) / hosts;

        foreach (var row in rows.Where(r => r.GetDateTime("ExpiresAt") <= now || string.IsNullOrEmpty(r.GetString("Owner"))))
        {
            if (owned.Count >= target)
            {
                break;
            }

            var partition = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
            if (!owned.Contains(partition) && await TryTakeAsync(row, partition, now, cancellationToken))
            {
                owned.Add(partition);
                acquired.Add(partition);
            }
        }

        if (owned.Count < target)
        {
            // Steal one lease per round from the busiest host above its share, so hosts converge without thrashing.
            var victim = live.Where(kv => kv.Key != _workerId && kv.Value > target).OrderByDescending(kv => kv.Value).FirstOrDefault();
            var alreadyAsked = rows.Any(r => r.GetString("Wanted") == _workerId && r.GetString("Owner") != _workerId);
            if (victim.Key is not null && !alreadyAsked)
            {
                var row = rows.First(r => r.GetString("Owner") == victim.Key && r.GetDateTime("ExpiresAt") > now);
                var partition = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
                var ask = new StoredRow(LeasePartitionKey, row.RowKey) { ["Wanted"] = _workerId };
                try
                {
                    await _storage.MergeRowAsync(_table, ask, row.ETag, cancellationToken);
                    Logs.LeaseRequested(_logger, _workerId, partition, victim.Key);
                }
                catch (StorageConflictException)
                {
                    // The owner renewed in between; ask again next round.
                }
            }
        }

        foreach (var p in acquired)
        {
            Logs.LeaseAcquired(_logger, _workerId, p);
        }

        foreach (var p in lost)
        {
            Logs.LeaseLost(_logger, _workerId, p);
        }

        return (acquired, lost);
    }

    /// <summary>True while this host's lease on the partition has not expired (as of its last renewal).</summary>
    public bool Owns(int partition)
    {
        lock (_ownedETags)
        {
            return _ownedETags.ContainsKey(partition);
        }
    }

    /// <summary>Gives every owned lease up so another host can take it at once (graceful shutdown).</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<int, string>[] leases;
        lock (_ownedETags)
        {
            leases = [.. _ownedETags];
            _ownedETags.Clear();
        }

        foreach (var (partition, etag) in leases)
        {
            var row = new StoredRow(LeasePartitionKey, RowKeyOf(partition)) { ETag = etag, ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.UnixEpoch };
            try
            {
                await _storage.MergeRowAsync(_table, row, etag, cancellationToken);
            }
            catch (StorageConflictException)
            {
                // Someone took it already; nothing to give back.
            }
        }
    }

    private async Task<bool> TryReleaseAsync(StoredRow row, CancellationToken cancellationToken)
    {
        var released = new StoredRow(LeasePartitionKey, row.RowKey) { ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.UnixEpoch, ["Wanted"] = "" };
        try
        {
            await _storage.MergeRowAsync(_table, released, row.ETag, cancellationToken);
            return true;
        }
        catch (StorageConflictException)
        {
            return false;
        }
    }

    private async Task<bool> TryTakeAsync(StoredRow row, int partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var renewal = row.GetString("Owner") == _workerId;
        var update = new StoredRow(LeasePartitionKey, row.RowKey)
        {
            ETag = row.ETag,
            ["Owner"] = _workerId,
            ["ExpiresAt"] = now + _leasePeriod,
            ["Epoch"] = row.GetInt64("Epoch") + (renewal ? 0 : 1),
            ["Wanted"] = renewal ? row.GetString("Wanted") : null,
        };
        try
        {
            var etag = await _storage.WriteRowAsync(_table, new RowOperation(RowOperationKind.ReplaceIfMatch, update), cancellationToken);
            lock (_ownedETags)
            {
                _ownedETags[partition] = etag;
            }

            return true;
        }
        catch (StorageConflictException)
        {
            Forget(partition);
            return false;
        }
    }

    private void Forget(int partition)
    {
        lock (_ownedETags)
        {
            _ownedETags.Remove(partition);
            _draining.Remove(partition);
        }
    }
}
