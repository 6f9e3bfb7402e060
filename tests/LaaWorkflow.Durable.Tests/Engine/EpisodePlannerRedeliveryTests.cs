using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Engine;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Durable.Tests.Engine;

/// <summary>
/// What the planner makes of late, repeated and overtaking messages around ContinueAsNew, decided from the replayed
/// execution alone (the Azure Storage delivery tests show the same end to end).
/// </summary>
public sealed class EpisodePlannerRedeliveryTests
{
    private const string Id = "counter";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly EpisodePlanner _planner = new(NewExecutor, RetryDelay);

    [Fact]
    public void Plan_EventOvertakesTheStartOfTheNextExecution_PostponedUntilItArrives()
    {
        var (continued, _) = Continued();

        var decision = _planner.Plan(continued, [Event("late-add", 5)], Now, TimeSpan.FromDays(6));

        Assert.Equal(new EpisodeDecision.Postpone(RetryDelay), decision);
    }

    [Fact]
    public void Plan_ResultForTheExecutionThatContinued_Discarded()
    {
        var (continued, _) = Continued();
        var stale = new TaskMessage("result", Id, continued.Executor!.ExecutionId, new TaskCompletedEvent(0, "1"));

        Assert.IsType<EpisodeDecision.Discard>(_planner.Plan(continued, [stale], Now, TimeSpan.FromDays(6)));
    }

    [Fact]
    public void Plan_StartSentByTheContinuingExecution_BeginsTheNextWithItsEventIds()
    {
        var (continued, next) = Continued();

        var decision = Assert.IsType<EpisodeDecision.Commit>(_planner.Plan(continued, [next], Now, TimeSpan.FromDays(6)));

        Assert.Equal(((ExecutionStartedEvent)next.Event).ExecutionId, decision.Checkpoint.Instance.ExecutionId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, decision.Checkpoint.Instance.RuntimeStatus);
        var started = Assert.IsType<ExecutionStartedEvent>(decision.Checkpoint.NewEvents[0]);
        Assert.Equal(["add-1"], started.EarlierEventIds);
    }

    [Fact]
    public void Plan_CopyOfTheFirstEventAfterContinueAsNew_DiscardedWithoutACheckpoint()
    {
        var (continued, next) = Continued();
        var second = Session(((EpisodeDecision.Commit)_planner.Plan(continued, [next], Now, TimeSpan.FromDays(6))).Executor!);

        var decision = _planner.Plan(second, [Event("add-1", 1)], Now, TimeSpan.FromDays(6));

        Assert.IsType<EpisodeDecision.Discard>(decision);
        Assert.Equal(1, second.Executor!.GetInput<int>());
    }

    [Fact]
    public void Plan_StartContinuingAnOlderExecution_Discarded()
    {
        var (continued, next) = Continued();
        var second = ((EpisodeDecision.Commit)_planner.Plan(continued, [next], Now, TimeSpan.FromDays(6))).Executor!;
        var third = ((EpisodeDecision.Commit)_planner.Plan(Session(second), [Continue(second, Event("add-2", 1))], Now, TimeSpan.FromDays(6))).Executor!;

        // The third execution runs; the start that began the second comes again.
        var decision = _planner.Plan(Session(third), [next], Now, TimeSpan.FromDays(6));

        Assert.IsType<EpisodeDecision.Discard>(decision);
        Assert.Equal(OrchestrationRuntimeStatus.Running, third.Status);
    }

    [Fact]
    public void Plan_CopyOfItsOwnStartAfterTheExecutionContinued_Discarded()
    {
        var (continued, next) = Continued();
        var second = ((EpisodeDecision.Commit)_planner.Plan(continued, [next], Now, TimeSpan.FromDays(6))).Executor!;
        Continue(second, Event("add-2", 1));

        Assert.IsType<EpisodeDecision.Discard>(_planner.Plan(Session(second), [next], Now, TimeSpan.FromDays(6)));
    }

    [Fact]
    public void Plan_ClientStartOfAnEarlierExecution_AfterTheInstanceCompleted_Discarded()
    {
        var executor = NewExecutor(Id);
        var clientStart = Start("client-execution");
        executor.RunEpisode([clientStart], Now);
        Continue(executor, Event("add-1", 1));
        var finished = NewExecutor(Id);
        finished.RunEpisode([new TaskMessage("next", Id, null, new ExecutionStartedEvent(nameof(Counter), "second", "2"))], Now);
        finished.RunEpisode([Event("add-2", 5)], Now);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.Status);

        var decision = _planner.Plan(Session(finished), [clientStart], Now, TimeSpan.FromDays(6));

        Assert.IsType<EpisodeDecision.Discard>(decision);
    }

    /// <summary>An instance whose first execution took event add-1 and continued as new; and the start it sent.</summary>
    private static (InstanceSession Session, TaskMessage Next) Continued()
    {
        var executor = NewExecutor(Id);
        executor.RunEpisode([Start("first")], Now);
        var next = Continue(executor, Event("add-1", 1));
        return (Session(executor), next);
    }

    private static TaskMessage Continue(OrchestrationExecutor executor, TaskMessage add)
    {
        var episode = executor.RunEpisode([add], Now);
        Assert.Equal(OrchestrationRuntimeStatus.ContinuedAsNew, executor.Status);
        return episode.Outbox.Single(m => m.Event is ExecutionStartedEvent);
    }

    private static InstanceSession Session(OrchestrationExecutor executor) =>
        new(executor, executor.ToInstanceRecord(Now, Now), "etag");

    private static TaskMessage Start(string executionId) =>
        new($"start-{executionId}", Id, null, new ExecutionStartedEvent(nameof(Counter), executionId, "0"));

    private static TaskMessage Event(string messageId, int value) =>
        new(messageId, Id, null, new EventRaisedEvent("Add", value.ToString(System.Globalization.CultureInfo.InvariantCulture)) { MessageId = messageId });

    private static OrchestrationExecutor NewExecutor(string instanceId) =>
        new(instanceId, _ => new Counter(), NullLoggerFactory.Instance, TimeSpan.FromDays(6));

    /// <summary>Adds each event to its input; continues as new below 3.</summary>
    private sealed class Counter : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var total = input + await context.WaitForExternalEvent<int>("Add");
            if (total < 3)
            {
                context.ContinueAsNew(total);
            }

            return total;
        }
    }
}
