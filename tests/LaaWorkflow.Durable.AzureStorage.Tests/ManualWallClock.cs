namespace LaaWorkflow.Durable.AzureStorage.Tests;

/// <summary>A wall clock the test moves by hand (only <see cref="GetUtcNow"/> is used by lease logic).</summary>
internal sealed class ManualWallClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
