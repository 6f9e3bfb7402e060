using System.Runtime.CompilerServices;

namespace LaaWorkflow.Negotiation.Tests.Orchestrations;

/// <summary>
/// Orchestrator code is replayed from history, so it must take time, ids and waits from its context only. This guard
/// reads the orchestrations' source and fails on anything that would differ between the first run and a replay.
/// </summary>
public sealed class DeterminismGuardTests
{
    private static readonly string[] s_forbidden =
    [
        "DateTime.UtcNow", "DateTime.Now", "DateTimeOffset.UtcNow", "DateTimeOffset.Now", "Guid.NewGuid", "Task.Delay",
        "Thread.Sleep", "Task.Run", "ConfigureAwait(false)", "Random", "HttpClient", "File.", "Environment.", "GetUtcNow",
    ];

    [Fact]
    public void OrchestrationSources_UseOnlyTheContextForTimeIdsAndWaits()
    {
        var files = Directory.GetFiles(OrchestrationsFolder(), "*.cs");
        Assert.Contains(files, f => f.EndsWith("AgreementNegotiation.cs", StringComparison.Ordinal));

        var offences = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => s_forbidden.Where(word => l.Text.Contains(word, StringComparison.Ordinal)).Select(word => $"{l.File}:{l.Line} uses {word}"))
            .ToList();

        Assert.Empty(offences);
    }

    private static string OrchestrationsFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "../../../functions/LaaWorkflow.Negotiation/Orchestrations"));
}
