namespace LaaWorkflow.Reliability;

/// <summary>The reliability command's options.</summary>
internal sealed class ReliabilityOptions
{
    /// <summary>Scenarios to run by name; empty runs them all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>How many host kills the crash scenario makes in all (the issue asks for at least 50).</summary>
    public int CrashPoints { get; init; } = 50;

    /// <summary>Seed of every random choice, printed in the report so a failing run can be repeated.</summary>
    public int Seed { get; init; } = 2008;
}
