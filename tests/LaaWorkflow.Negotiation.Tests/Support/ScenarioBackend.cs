namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>Where a scenario's orchestrations run and how fast its calendar goes there.</summary>
/// <param name="StorageProvider">The <c>DurableTask:StorageProvider:Type</c>.</param>
/// <param name="SecondsPerDay">
/// The rehearsal's pace: real seconds per business day. Slow enough that the engine's latency on a busy machine (queue
/// polling, history reads, activity dispatch; a second or two at worst) stays within <see cref="Lateness"/>.
/// </param>
/// <param name="EarlyBy">
/// How early (real time) a durable timer may fire: Azure Storage hides a timer's message for whole seconds only.
/// </param>
internal sealed record ScenarioBackend(string StorageProvider, double SecondsPerDay, TimeSpan EarlyBy)
{
    /// <summary>
    /// The SDK's in-memory orchestration service: dispatches at once, keeps nothing. Its episodes still share the
    /// machine with the other scenarios running beside them, and a stall of four seconds was seen on CI, so it plays at
    /// the same pace as the Azure Storage backend.
    /// </summary>
    public static ScenarioBackend InMemory { get; } = new("InMemory", 6.0, TimeSpan.FromSeconds(0.1));

    /// <summary>DurableTask.AzureStorage on Azurite, polling its queues every 100 ms: the backend the deployment runs.</summary>
    public static ScenarioBackend AzureStorage { get; } = new("AzureStorage", 6.0, TimeSpan.FromSeconds(1));

    /// <summary>
    /// How late, in business time, an email or entry may be stamped after the instant it is due. A rehearsal stamps
    /// what a timer or an arrival caused with that instant, however late the engine gets to it, so what is left is the
    /// scenario's own lateness in acting (an answer posted when the calendar reaches its instant, on a loaded machine).
    /// The scheduled steps of the compact timetable are a day or more apart and their order is asserted too, so this
    /// still tells each step from the next.
    /// </summary>
    public static TimeSpan Lateness { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long after its date an email may actually go out, in business time: thirty seconds of engine latency on a
    /// loaded machine (several stalls of a few seconds were seen on CI). Loose on purpose; it catches a timer set on the
    /// wrong calendar, not the engine being busy.
    /// </summary>
    public TimeSpan EngineLateness => TimeSpan.FromDays(30 / SecondsPerDay);

    /// <summary>How early, in business time, an effect of a timer may come.</summary>
    public TimeSpan Earliness => TimeSpan.FromDays(EarlyBy.TotalSeconds / SecondsPerDay);
}
