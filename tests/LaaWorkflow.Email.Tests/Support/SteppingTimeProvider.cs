using System.Collections.Concurrent;

namespace LaaWorkflow.Email.Tests.Support;

/// <summary>
/// A clock for retry tests: a timer due within <see cref="ImmediateLimit"/> (a backoff or rate-limit wait) fires at
/// once and moves the clock on by its delay, and the delay is recorded; longer timers (request timeouts) never fire.
/// So retries are checked without waiting in real time.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    public SteppingTimeProvider(DateTimeOffset start, TimeSpan? immediateLimit = null)
    {
        _now = start;
        ImmediateLimit = immediateLimit ?? TimeSpan.FromMinutes(2);
    }

    public TimeSpan ImmediateLimit { get; }

    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new StepTimer();
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= ImmediateLimit)
        {
            Waits.Enqueue(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!timer.Disposed)
                {
                    callback(state);
                }
            });
        }

        return timer;
    }

    private sealed class StepTimer : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
