using LaaWorkflow.Durable;

namespace LaaWorkflow.Durable.Tests.Replay;

/// <summary>Histories recorded from real runs, replayed against today's code: a change that breaks them fails here.</summary>
public sealed class CheckedInHistoryTests
{
    private static IReadOnlyList<History.HistoryEvent> Load(string name) =>
        OrchestrationReplayer.ReadHistory(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories", name)));

    [Fact]
    public void Replay_RecordedCodeAgainstItsHistory_ReachesTheRecordedStatus()
    {
        var status = OrchestrationReplayer.Replay(new ConsultationV1(), Load("consultation-v1.json"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status);
    }

    [Fact]
    public void Replay_CompatibleRefactoring_StillReplays()
    {
        var status = OrchestrationReplayer.Replay(new ConsultationV1Refactored(), Load("consultation-v1.json"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status);
    }

    [Fact]
    public void Replay_ChangedOrchestrator_FailsNamingExpectedAndActualAction()
    {
        var error = Assert.Throws<NonDeterministicOrchestrationException>(
            () => OrchestrationReplayer.Replay(new ConsultationV2(), Load("consultation-v1.json")));

        Assert.Equal(0, error.TaskId);
        Assert.Equal("CallActivity('SendInvitation')", error.Expected);
        Assert.Equal("CallActivity('SendReminder')", error.Actual);
        Assert.Contains("expects CallActivity('SendInvitation') but the code now does CallActivity('SendReminder')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHistory_RoundTrip_KeepsEveryEventAndType()
    {
        var history = Load("consultation-v1.json");

        var again = OrchestrationReplayer.ReadHistory(OrchestrationReplayer.WriteHistory(history));

        Assert.Equal(history, again);
    }
}
