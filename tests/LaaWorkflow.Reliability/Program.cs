namespace LaaWorkflow.Reliability;

/// <summary>The fault and abuse command: runs each scenario, prints the table and writes RELIABILITY.md. See scripts/reliability.sh.</summary>
/// <remarks>A named entry point rather than top-level statements: the test project that runs the short scenarios also sees the host's <c>Program</c>.</remarks>
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => ReliabilityCommand.RunAsync(args);
}
