namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>Waits for a condition the runtime reaches asynchronously: checked on a short period, failing at a deadline.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        using var period = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!await condition())
        {
            if (!await period.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
            {
                throw new TimeoutException("The condition was not met before the deadline.");
            }
        }
    }
}
