using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.Time;

/// <summary>
/// A clock that moves only when told to: advanced by a span or to an instant (firing every due timer in order and letting
/// the runtime settle after each instant), or run at N times real speed. Tests and demos use it to play months in seconds.
/// </summary>
/// <remarks>
/// Register it as the <see cref="TimeProvider"/> before adding the durable worker; the worker attaches its backend's
/// <see cref="IIdleSignal"/> so <see cref="AdvanceToAsync"/> waits for the runtime to finish the work each timer causes
/// before moving to the next instant. Advancing is deterministic: timers fire by due time, ties in creation order.
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private readonly List<IIdleSignal> _idleSignals = [];
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>The longest real time <see cref="RunAsync"/> waits for the runtime to settle between timers.</summary>
    public static readonly TimeSpan RunningSettleLimit = TimeSpan.FromSeconds(1);

    /// <summary>Creates a clock showing <paramref name="start"/>.</summary>
    public VirtualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>Timers waiting to fire.</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>When the next timer is due, or null when none is waiting.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.DueAt);
            }
        }
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Lets <see cref="SettleAsync"/> wait for a runtime with no ready work (the worker attaches its backend).</summary>
    public void AttachIdleSignal(IIdleSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_gate)
        {
            if (!_idleSignals.Contains(signal))
            {
                _idleSignals.Add(signal);
            }
        }
    }

    /// <summary>Waits until every attached runtime has no ready work.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        IIdleSignal[] signals;
        lock (_gate)
        {
            signals = [.. _idleSignals];
        }

        foreach (var signal in signals)
        {
            await signal.WaitForIdleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing due timers in order.</summary>
    public Task AdvanceAsync(TimeSpan delta, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        return AdvanceToAsync(GetUtcNow() + delta, cancellationToken);
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/>: settles, then repeatedly jumps to the earliest due instant, fires every
    /// timer due then and settles, so timers created while handling them fire in order too. The clock never moves backwards.
    /// </summary>
    public Task AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken = default) =>
        AdvanceWithinAsync(target, Timeout.InfiniteTimeSpan, cancellationToken);

    private async Task SettleWithinAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (limit == Timeout.InfiniteTimeSpan)
        {
            await SettleAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Bounded in real time: work that itself waits on this clock (an activity's retry delay) would otherwise never
        // let the runtime become idle, and the clock would never move again.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            await SettleAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Moving on: time must pass for that work to finish.
        }
    }

    private async Task AdvanceWithinAsync(DateTimeOffset target, TimeSpan settleLimit, CancellationToken cancellationToken)
    {
        await _advancing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SettleWithinAsync(settleLimit, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                List<VirtualTimer> due;
                DateTimeOffset at;
                lock (_gate)
                {
                    var earliest = _timers.Where(t => t.DueAt <= target).Select(t => (DateTimeOffset?)t.DueAt).Min();
                    if (earliest is null)
                    {
                        if (target > _now)
                        {
                            _now = target;
                        }

                        break;
                    }

                    at = earliest.Value;
                    due = [.. _timers.Where(t => t.DueAt == at).OrderBy(t => t.Sequence)];
                    if (at > _now)
                    {
                        _now = at;
                    }
                }

                // Every timer of one instant fires before the runtime settles once: settling after each (one per task hub
                // partition with work at that instant, say) cost a full idle check apiece and changed nothing, since
                // what they cause happens at the same instant either way. Order among them stays by creation.
                foreach (var timer in due)
                {
                    lock (_gate)
                    {
                        // An earlier callback of this instant may have disposed or moved it.
                        if (!_timers.Contains(timer) || timer.DueAt != at)
                        {
                            continue;
                        }

                        timer.Rearm();
                    }

                    timer.Fire();
                }

                await SettleWithinAsync(settleLimit, cancellationToken).ConfigureAwait(false);
            }

            await SettleWithinAsync(settleLimit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _advancing.Release();
        }
    }

    /// <summary>
    /// Runs the clock at <paramref name="speed"/> times real time until cancelled (demo mode). Between timers it waits at
    /// most <see cref="RunningSettleLimit"/> of real time for the runtime to settle, so work that waits on this clock
    /// itself cannot stop time.
    /// </summary>
    public async Task RunAsync(double speed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speed, 0);
        var real = System;
        var realStart = real.GetTimestamp();
        var virtualStart = GetUtcNow();
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(20), real);
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var elapsed = real.GetElapsedTime(realStart);
                await AdvanceWithinAsync(virtualStart + (elapsed * speed), RunningSettleLimit, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped on request.
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = clock._now + dueTime;
                Sequence = clock._sequence++;
                clock._timers.Add(this);
                return true;
            }
        }

        /// <summary>Called under the clock's lock when the timer is about to fire.</summary>
        public void Rearm()
        {
            clock._timers.Remove(this);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                DueAt += _period;
                Sequence = clock._sequence++;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
