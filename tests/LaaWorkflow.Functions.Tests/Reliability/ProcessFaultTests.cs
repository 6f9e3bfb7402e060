using LaaWorkflow.Reliability;
using LaaWorkflow.Reliability.Scenarios;

namespace LaaWorkflow.Functions.Tests.Reliability;

/// <summary>
/// Short versions of the reliability command's process faults, so every test run proves the mechanism: one area,
/// two host kills, one brief storage outage. The full runs (50 kills, all eleven areas, 30 s outage) are
/// <c>scripts/reliability.sh</c>.
/// </summary>
public sealed class ProcessFaultTests
{
    // The area whose consultation opens first, so a run ends within a few virtual months.
    private static readonly string[] s_areas = ["Stockton"];

    [Fact]
    public async Task Crashes_HostKilledTwiceMidRun_EndsAsTheUnharmedRunWithNothingLostOrSentTwice()
    {
        CrashesScenario.Areas = s_areas;
        CrashesScenario.MaxGap = TimeSpan.FromSeconds(4);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var row = await new CrashesScenario().RunAsync(new ReliabilityOptions { CrashPoints = 2, Seed = 7 }, timeout.Token);

        Assert.True(row.Failures == 0, row.Notes);
        Assert.Equal(0, row.AnswersLost);
        Assert.Equal(0, row.DuplicateEmails);
        Assert.Equal(0, row.InstancesUnfinished);
        Assert.StartsWith("2 kills", row.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageOutage_StorageStoppedBeforeAnAnswer_HealthAndAnswerSay503AndTheRunEndsAsUnharmed()
    {
        StorageOutageScenario.Areas = s_areas;
        // The checks during the outage are what matter here; the command holds storage down for 30 s.
        StorageOutageScenario.Outage = TimeSpan.Zero;
        StorageOutageScenario.AnswersBefore = 6;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var row = await new StorageOutageScenario().RunAsync(new ReliabilityOptions { Seed = 7 }, timeout.Token);

        Assert.True(row.Failures == 0, row.Notes);
        Assert.Equal(0, row.AnswersLost);
        Assert.Contains("health 503, answer 503 Retry-After 30", row.Notes, StringComparison.Ordinal);
    }
}
