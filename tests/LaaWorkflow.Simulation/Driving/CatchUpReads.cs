namespace LaaWorkflow.Simulation.Driving;

/// <summary>
/// When the driver reads the outbox again, and from where. A message is stamped when its write starts and can land on a
/// busy Azurite seconds later, after the read that covered its stamp. A catch-up read every <see cref="Every"/> reads
/// from <see cref="Margin"/> before the previous catch-up, so every message that lands within <see cref="Margin"/> of
/// its stamp is found however far apart the looks come (a look takes as long as the answers it sends); counting looks
/// instead could miss a message whenever a busy stretch spread ten looks over more than the margin.
/// </summary>
internal sealed class CatchUpReads(DateTimeOffset start)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private DateTimeOffset _previous = start;

    /// <summary>The stamp to read from when a catch-up read is due at <paramref name="real"/>, or null when none is.</summary>
    public DateTimeOffset? Due(DateTimeOffset real)
    {
        if (real - _previous < Every)
        {
            return null;
        }

        var from = _previous - Margin;
        _previous = real;
        return from;
    }
}
