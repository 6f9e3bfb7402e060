namespace LaaWorkflow.Testing.Delivery;

/// <summary>How <see cref="UnreliableDelivery"/> spoils the delivery of queue messages.</summary>
public sealed record UnreliableDeliveryOptions
{
    /// <summary>Seed of every random choice, so a failing run can be repeated.</summary>
    public int Seed { get; init; } = 2008;

    /// <summary>The chance that a message sent to a queue is sent a second time (1: every message twice).</summary>
    public double DuplicateProbability { get; init; } = 1.0;

    /// <summary>
    /// Keep the second copies back until <see cref="UnreliableDelivery.ReleaseHeldAsync"/>, so they arrive as late as
    /// the test wants: after the instance completed, after it continued as new.
    /// </summary>
    public bool HoldDuplicates { get; init; }

    /// <summary>
    /// Every send (original and copy) reaches the queue after a random part of this long (the sender does not wait for
    /// it), so messages sent close together arrive in another order. Zero sends everything at once.
    /// </summary>
    public TimeSpan MaxExtraDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Hand each received batch to the backend in a random order.</summary>
    public bool ShuffleReceivedBatches { get; init; } = true;
}
