using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Storage;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Timers;

/// <summary>
/// Delivers due timers of the partitions this host owns: sends each due row's message to the partition's control
/// queue, then deletes the row (a crash in between delivers it twice; the engine keeps the first). It waits on the
/// runtime's <see cref="TimeProvider"/> for the earliest row, so a virtual clock advanced by a test fires at once.
/// </summary>
internal sealed class TimerPump
{
    private const int Batch = 100;

    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly TimerStore _timers;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _rescan;
    private readonly Func<IReadOnlyCollection<int>> _owned;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Dictionary<DateTimeOffset, ITimer> _alarms = [];
    private int _delivering;

    public TimerPump(
        HubStorage storage, TaskHubNames names, TimerStore timers, TimeProvider clock, TimeSpan rescan, Func<IReadOnlyCollection<int>> owned, ILogger logger)
    {
        _storage = storage;
        _names = names;
        _timers = timers;
        _clock = clock;
        _rescan = rescan;
        _owned = owned;
        _logger = logger;
    }

    /// <summary>Set by the backend: wake-ups for the control-queue receivers.</summary>
    public Messaging.QueuePokes? Pokes { get; set; }

    /// <summary>True while a pass runs or one is pending.</summary>
    public bool IsDelivering => Volatile.Read(ref _delivering) > 0 || _wake.CurrentCount > 0;

    /// <summary>
    /// Arms a runtime-clock alarm for a timer just written, before the checkpoint's work item completes: a virtual
    /// clock only fires what it knows of when it advances, so the alarm must exist before the runtime looks idle.
    /// </summary>
    public void Schedule(DateTimeOffset due)
    {
        lock (_alarms)
        {
            if (_alarms.ContainsKey(due))
            {
                return;
            }

            var delay = due - _clock.GetUtcNow();
            _alarms[due] = _clock.CreateTimer(_ => Ring(due), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Makes the pump look again now (a timer was written or a partition was acquired).</summary>
    public void Wake()
    {
        // One pending wake-up is enough: the next pass sees everything written before it.
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>True when a timer of an owned partition is due and not yet delivered.</summary>
    public async Task<bool> HasDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        // Every owned partition at once: this runs in each idle check, which the virtual clock waits on.
        var due = await Task.WhenAll(_owned().Select(partition => _timers.DueAsync(partition, now, 1, cancellationToken)));
        return due.Any(rows => rows.Count > 0);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTimeOffset? earliest = null;
            try
            {
                Interlocked.Increment(ref _delivering);
                try
                {
                    foreach (var partition in _owned())
                    {
                        await DeliverDueAsync(partition, cancellationToken);
                        var next = await _timers.EarliestAsync(partition, cancellationToken);
                        if (next is { } n && (earliest is null || n < earliest))
                        {
                            earliest = n;
                        }
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _delivering);
                }

                await WaitAsync(earliest, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logs.LoopFailed(_logger, ex, "timers", _rescan);
                await WaitAsync(null, cancellationToken);
            }
        }
    }

    private async Task DeliverDueAsync(int partition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await _timers.DueAsync(partition, _clock.GetUtcNow(), Batch, cancellationToken);
            foreach (var row in due)
            {
                await _storage.SendMessageAsync(_names.ControlQueue(partition), row.GetString("Message")!, null, cancellationToken);
                Pokes?.Poke(_names.ControlQueue(partition));
                await _timers.DeleteAsync(row, cancellationToken);
                Logs.TimerDelivered(_logger, row.GetString("InstanceId") ?? "", row.RowKey, row.GetDateTime("FireAt") ?? default);
            }

            if (due.Count < Batch)
            {
                return;
            }
        }
    }

    private void Ring(DateTimeOffset due)
    {
        lock (_alarms)
        {
            if (_alarms.Remove(due, out var timer))
            {
                timer.Dispose();
            }
        }

        Wake();
    }

    /// <summary>Until the earliest timer is due on the runtime clock, a wake-up, or the rescan period on the wall clock.</summary>
    private async Task WaitAsync(DateTimeOffset? earliest, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (earliest is { } due)
        {
            Schedule(due);
        }

        await Task.WhenAny(_wake.WaitAsync(stop.Token), Task.Delay(_rescan, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
