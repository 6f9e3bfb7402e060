namespace LaaWorkflow.Testing.Tests;

/// <summary>Waits for a condition on real storage (whose clock we cannot move) up to a deadline.</summary>
internal static class Eventually
{
    public static async Task<T> ResultAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : class
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds} s waiting for {what}.");
            }

            // Polls storage for the condition; the loop ends on the condition or the deadline.
            await Task.Delay(100);
        }
    }
}
