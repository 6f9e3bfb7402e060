using System.Globalization;
using System.Text;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>
/// What the demo prints: a heading for each business month with the round's progress, one line per event (wrapped,
/// so a long event stays readable in a terminal), and the closing summary with the round's totals.
/// </summary>
internal static class DemoConsole
{
    /// <summary>Columns of event text on one line; with the date and area before it a line stays within 120.</summary>
    private const int TextWidth = 94;

    /// <summary>Where event text starts: after "yyyy-MM-dd  " and the area padded to 12 and a space.</summary>
    private static readonly string s_indent = new(' ', 25);

    private static readonly Lock s_lock = new();

    public static void Line(DateTimeOffset at, string area, string text)
    {
        var lines = Wrap(text, TextWidth);
        var first = $"{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {area,-12} {lines[0]}";
        Write([first, .. lines.Skip(1).Select(line => s_indent + line)]);
    }

    public static void Note(string text) => Write([text]);

    /// <summary>A heading across the terminal: a new business month, or the round reaching a new stage.</summary>
    public static void Heading(string text)
    {
        var rule = $"── {text} ";
        Write(["", rule + new string('─', Math.Max(3, 119 - rule.Length))]);
    }

    public static void Summary(IReadOnlyList<DemoOutcome> outcomes, DemoTotals totals) => Write(SummaryLines(outcomes, totals));

    /// <summary>How the summary names a multi-area agreement's areas and themes.</summary>
    public static string MultiArea(IReadOnlyList<string> authorities, IReadOnlyList<string> themes) =>
        $"Multi-area agreement of {authorities.Count} authorities: {string.Join(", ", authorities)}; themes: {string.Join(", ", themes)}.";

    /// <summary>The closing summary: one row per negotiation (a refresh under its area, named by its year), then the totals.</summary>
    internal static List<string> SummaryLines(IReadOnlyList<DemoOutcome> outcomes, DemoTotals totals)
    {
        var header = $"{"Area",-12} {"Outcome",-16} {"Endorsed",-9} {"Ended",-11}";
        var lines = new List<string> { "", "Summary", header, new('-', 119) };
        foreach (var outcome in outcomes)
        {
            lines.Add($"{outcome.Area,-12} {OutcomeName(outcome.Phase),-16} {outcome.Endorsed + "/" + outcome.Partners,-9} {outcome.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",-11} {outcome.Version}".TrimEnd());
            lines.AddRange(Wrap(outcome.Details, 119 - 4).Where(line => line.Length > 0).Select(line => "    " + line));
            if (outcome.DocumentUrl is { } document)
            {
                lines.Add("    Agreement: " + document);
            }
        }
        lines.Add(new string('-', 119));
        var round = outcomes.Where(o => o.Version is null).ToList();
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{round.Count} negotiations: {Count(round, "finalised")} signed off, {Count(round, "deadlineMissed")} missed the sign-off deadline, {Count(round, "withdrawn")} withdrawn, {round.Count(o => !o.IsFinal)} unfinished."));
        foreach (var refresh in outcomes.Where(o => o.Version is not null))
        {
            lines.Add($"{refresh.Version} of {refresh.Area}: {OutcomeName(refresh.Phase)}.");
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Partners reminded {totals.PartnerReminders} time(s) and escalated {totals.PartnerEscalations} time(s); LSP leads reminded {totals.LeadReminders} and escalated {totals.LeadEscalations}; {totals.SignOffWarnings} sign-off warning(s); {totals.Emails} emails sent."));
        return lines;
    }

    /// <summary>A phase as people say it: "signed off", not "finalised".</summary>
    public static string OutcomeName(string phase) => phase switch
    {
        "finalised" => "signed off",
        "deadlineMissed" => "deadline missed",
        "governmentOffice" => "with the GO",
        "revision" => "in revision",
        "consultation" => "in consultation",
        "draft" => "draft",
        _ => phase,
    };

    private static int Count(IReadOnlyList<DemoOutcome> outcomes, string phase) => outcomes.Count(o => o.Phase == phase);

    /// <summary>Splits <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> (a longer word, such as a link, keeps its own line).</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }

    private static void Write(IEnumerable<string> lines)
    {
        lock (s_lock)
        {
            foreach (var line in lines)
            {
                Console.WriteLine(line.TrimEnd());
            }
        }
    }
}

/// <summary>One row of the summary; <paramref name="Version"/> names a refresh ("2009 refresh"), null for an agreement of the round.</summary>
internal sealed record DemoOutcome(string Area, string Phase, int Endorsed, int Partners, DateTimeOffset? EndedAt, string Details, bool IsFinal, string? DocumentUrl = null, string? Version = null);

/// <summary>What the round cost in chasing and mail, over every negotiation.</summary>
internal sealed record DemoTotals(int PartnerReminders, int PartnerEscalations, int LeadReminders, int LeadEscalations, int SignOffWarnings, int Emails);
