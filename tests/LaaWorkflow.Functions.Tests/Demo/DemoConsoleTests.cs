using LaaWorkflow.LocalHost.Demo;

namespace LaaWorkflow.Functions.Tests.Demo;

/// <summary>The demo's terminal output: events wrap rather than run 650 columns wide, and outcomes read as people say them.</summary>
public sealed class DemoConsoleTests
{
    private const string LongEvent =
        "The sign-off deadline (30 Jun 2008 17:00 UTC) passed before the agreement was approved. Metropolitan Police Authority objected: " +
        "The proposed trajectory for our lead targets is not achievable with current funding.; still disputed after the LSP lead's revision. " +
        "Chased: the LSP lead reminded 2 time(s), escalated 1 time(s); warned 3 time(s) before the sign-off deadline.";

    [Theory]
    [InlineData(94)]
    [InlineData(40)]
    public void Wrap_LongEvent_KeepsEveryWordInOrderWithinTheWidth(int width)
    {
        var lines = DemoConsole.Wrap(LongEvent, width);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is {line.Length} columns wide"));
        Assert.Equal(LongEvent.Split(' ', StringSplitOptions.RemoveEmptyEntries), lines.SelectMany(line => line.Split(' ')));
    }

    [Fact]
    public void Wrap_WordLongerThanTheWidth_KeepsItWholeOnItsOwnLine()
    {
        var link = "http://127.0.0.1:7071/api/negotiations/westminster-1adf649eb3fae0ed/document";

        var lines = DemoConsole.Wrap($"See {link} now", 20);

        Assert.Equal(["See", link, "now"], lines);
    }

    [Fact]
    public void SummaryLines_WithARefresh_ListItUnderItsAreaByYear_AndCountTheRoundWithoutIt()
    {
        var at = new DateTimeOffset(2008, 5, 2, 9, 0, 0, TimeSpan.Zero);
        DemoOutcome[] outcomes =
        [
            new("Stockton", "finalised", 5, 5, at, "Signed off.", true, "http://localhost/api/negotiations/stockton-1/document"),
            new("Leeds", "deadlineMissed", 4, 6, at.AddMonths(2), "The sign-off deadline passed.", true),
            new("Stockton", "finalised", 2, 5, at.AddMonths(10), "Signed off: every partner the 2009 refresh of the 2008 agreement concerns endorsed it.", true,
                "http://localhost/api/negotiations/stockton-1-refresh-2009/document", "2009 refresh"),
        ];

        var lines = DemoConsole.SummaryLines(outcomes, new DemoTotals(1, 0, 0, 0, 0, 40));

        Assert.Contains(lines, line => line.StartsWith("Stockton", StringComparison.Ordinal) && line.EndsWith("2009 refresh", StringComparison.Ordinal) && line.Contains("2/5", StringComparison.Ordinal));
        Assert.Contains("    Agreement: http://localhost/api/negotiations/stockton-1-refresh-2009/document", lines);
        Assert.Contains("2 negotiations: 1 signed off, 1 missed the sign-off deadline, 0 withdrawn, 0 unfinished.", lines);
        Assert.Contains("2009 refresh of Stockton: signed off.", lines);
        Assert.All(lines.Where(line => line.StartsWith("Stockton", StringComparison.Ordinal)), line => Assert.True(line.Length <= 119, $"'{line}' is {line.Length} columns wide"));
    }

    [Theory]
    [InlineData("finalised", "signed off")]
    [InlineData("deadlineMissed", "deadline missed")]
    [InlineData("governmentOffice", "with the GO")]
    [InlineData("withdrawn", "withdrawn")]
    public void OutcomeName_IsWhatPeopleSay(string phase, string name) => Assert.Equal(name, DemoConsole.OutcomeName(phase));

    [Fact]
    public void SummaryLines_MultiAreaAgreement_ShowsItsAreasAndThemesBesideTheLaas()
    {
        var maa = DemoConsole.MultiArea(["Darlington Borough Council", "Hartlepool Borough Council"], ["economy", "skills"]);
        var outcomes = new[]
        {
            new DemoOutcome("Stockton", "finalised", 8, 8, new DateTimeOffset(2008, 6, 2, 0, 0, 0, TimeSpan.Zero), "Signed off.", true),
            new DemoOutcome("Tees Valley", "finalised", 9, 9, new DateTimeOffset(2008, 6, 9, 0, 0, 0, TimeSpan.Zero), maa + " Signed off.", true),
        };

        var lines = DemoConsole.SummaryLines(outcomes, new DemoTotals(0, 0, 0, 0, 0, 40));

        Assert.Contains(lines, line => line.StartsWith("Tees Valley  signed off", StringComparison.Ordinal));
        // The details wrap at spaces; read back as one text they name every area and theme.
        Assert.Contains("Multi-area agreement of 2 authorities: Darlington Borough Council, Hartlepool Borough Council; themes: economy, skills.", string.Join(" ", lines.Select(line => line.Trim())), StringComparison.Ordinal);
        Assert.Contains("2 negotiations: 2 signed off", lines[^2], StringComparison.Ordinal);
    }
}
