using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Time;

namespace LaaWorkflow.Durable.Tests.Time;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AdvanceAsync_SeveralTimers_FiresEachAtItsDueTimeInOrder()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromDays(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add(("never", clock.GetUtcNow())), null, TimeSpan.FromDays(30), Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal([("early", Start.AddHours(1)), ("late", Start.AddDays(3))], fired);
        Assert.Equal(Start.AddDays(7), clock.GetUtcNow());
        Assert.Equal(1, clock.PendingTimerCount);
    }

    [Fact]
    public async Task AdvanceAsync_TimerCreatedWhileFiring_AlsoFiresInOrder()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? second = null;
        using var first = clock.CreateTimer(
            _ =>
            {
                fired.Add(clock.GetUtcNow());
                second = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromDays(1), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromDays(1),
            Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromDays(5));
        second?.Dispose();

        Assert.Equal([Start.AddDays(1), Start.AddDays(2)], fired);
    }

    [Fact]
    public async Task AdvanceAsync_TimersOfOneInstant_FireInCreationOrderThenSettleOnce()
    {
        var clock = new VirtualClock(Start);
        var settles = new CountingIdle();
        clock.AttachIdleSignal(settles);
        var fired = new List<string>();
        using var a = clock.CreateTimer(_ => fired.Add($"a after {settles.Count} settles"), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);
        using var b = clock.CreateTimer(_ => fired.Add($"b after {settles.Count} settles"), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);
        using var c = clock.CreateTimer(_ => fired.Add($"c after {settles.Count} settles"), null, TimeSpan.FromHours(3), Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromHours(4));

        // One settle before moving, one after each of the two instants, one at the end.
        Assert.Equal(["a after 1 settles", "b after 1 settles", "c after 2 settles"], fired);
        Assert.Equal(4, settles.Count);
    }

    [Fact]
    public async Task AdvanceAsync_TimerDisposedByAnotherOfTheSameInstant_DoesNotFire()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<string>();
        ITimer? second = null;
        using var first = clock.CreateTimer(_ =>
        {
            fired.Add("first");
            second!.Dispose();
        }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        second = clock.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(["first"], fired);
    }

    [Fact]
    public async Task AdvanceAsync_PeriodicTimer_FiresOncePerPeriod()
    {
        var clock = new VirtualClock(Start);
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

        await clock.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Equal(5, count);
    }

    [Fact]
    public async Task CreateTimer_DisposedOrChangedToInfinite_NeverFires()
    {
        var clock = new VirtualClock(Start);
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var stopped = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(0, fired);
    }

    [Fact]
    public async Task AdvanceToAsync_InstantInThePast_DoesNotMoveBackwards()
    {
        var clock = new VirtualClock(Start);
        await clock.AdvanceAsync(TimeSpan.FromDays(1));

        await clock.AdvanceToAsync(Start);

        Assert.Equal(Start.AddDays(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task TaskDelay_OnTheClock_CompletesWhenAdvanced()
    {
        var clock = new VirtualClock(Start);
        var delay = Task.Delay(TimeSpan.FromDays(30), clock);

        Assert.False(delay.IsCompleted);
        await clock.AdvanceAsync(TimeSpan.FromDays(30));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_RuntimeNeverIdle_StillMovesTimeAfterTheSettleLimit()
    {
        var clock = new VirtualClock(Start);
        clock.AttachIdleSignal(new NeverIdle());
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => reached.TrySetResult(), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var stop = new CancellationTokenSource();

        var running = clock.RunAsync(speed: 3600, stop.Token);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await running;

        Assert.True(clock.GetUtcNow() >= Start.AddMinutes(1));
    }

    [Fact]
    public async Task AdvanceAsync_RuntimeNeverIdle_WaitsForItUntilCancelled()
    {
        var clock = new VirtualClock(Start);
        clock.AttachIdleSignal(new NeverIdle());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clock.AdvanceAsync(TimeSpan.FromDays(1), deadline.Token));

        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_AtHighSpeed_MovesVirtualTimeFasterThanReal()
    {
        var clock = new VirtualClock(Start);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => reached.TrySetResult(), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        using var stop = new CancellationTokenSource();

        var running = clock.RunAsync(speed: 3600 * 100, stop.Token);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;

        Assert.True(clock.GetUtcNow() >= Start.AddHours(1));
    }

    private sealed class NeverIdle : IIdleSignal
    {
        public Task WaitForIdleAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed class CountingIdle : IIdleSignal
    {
        public int Count { get; private set; }

        public Task WaitForIdleAsync(CancellationToken cancellationToken)
        {
            Count++;
            return Task.CompletedTask;
        }
    }
}
