namespace LaaWorkflow.Functions.Hosting;

/// <summary>Which clock the workflow runs on, from the <c>Clock</c> configuration section.</summary>
internal sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary><c>System</c> (production) or <c>Virtual</c> (demos and local runs: moved by /api/dev/clock/advance or by <see cref="Speed"/>).</summary>
    public string Mode { get; set; } = "System";

    /// <summary>Where a virtual clock starts.</summary>
    public DateTimeOffset Start { get; set; } = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Times real speed a virtual clock runs at by itself; 0 moves it only when advanced.</summary>
    public double Speed { get; set; }

    public bool IsVirtual => string.Equals(Mode, "Virtual", StringComparison.OrdinalIgnoreCase);
}
