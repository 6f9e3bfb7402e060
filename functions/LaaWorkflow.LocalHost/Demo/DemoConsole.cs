using System.Globalization;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>What the demo prints: one line per event, and the closing summary table.</summary>
internal static class DemoConsole
{
    private static readonly Lock s_lock = new();

    public static void Line(DateTimeOffset at, string area, string text)
    {
        lock (s_lock)
        {
            Console.WriteLine($"{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {area,-12} {text}");
        }
    }

    public static void Note(string text)
    {
        lock (s_lock)
        {
            Console.WriteLine(text);
        }
    }

    public static void Summary(IReadOnlyList<DemoOutcome> outcomes)
    {
        var header = $"{"Area",-12} {"Outcome",-16} {"Endorsed",-9} {"Ended",-11} Details";
        Note("");
        Note("Summary");
        Note(header);
        Note(new string('-', header.Length + 30));
        foreach (var outcome in outcomes)
        {
            Note($"{outcome.Area,-12} {outcome.Phase,-16} {outcome.Endorsed + "/" + outcome.Partners,-9} {outcome.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",-11} {outcome.Details}");
        }
    }
}

/// <summary>One row of the summary.</summary>
internal sealed record DemoOutcome(string Area, string Phase, int Endorsed, int Partners, DateTimeOffset? EndedAt, string Details, bool IsFinal);
