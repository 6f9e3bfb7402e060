using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>Where the scenarios of this command write their run logs, and which areas they play.</summary>
internal static class ScenarioContext
{
    /// <summary>Run logs (the demo driver's narration of each run, and host output of failed runs).</summary>
    public static string LogFolder { get; set; } = Path.Combine(Path.GetTempPath(), "laaworkflow-reliability");

    /// <summary>Every demonstration area.</summary>
    public static IReadOnlyList<string> AllAreas => DemoNegotiations.Areas;

    /// <summary>Writes the hosts' last output next to the run log of a failed run, and says where.</summary>
    public static string SaveHostOutput(string name, string output)
    {
        Directory.CreateDirectory(LogFolder);
        var path = Path.Combine(LogFolder, name + "-hosts.log");
        File.WriteAllText(path, output);
        return path;
    }
}
