namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>Poll delays for an idle queue: doubling from a few milliseconds to a ceiling, reset when work arrives.</summary>
internal struct Backoff(TimeSpan ceiling)
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(5);
    private TimeSpan _next = TimeSpan.Zero;

    public void Reset() => _next = TimeSpan.Zero;

    public TimeSpan Next()
    {
        _next = _next == TimeSpan.Zero ? Floor : TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, ceiling.Ticks));
        return _next;
    }
}
