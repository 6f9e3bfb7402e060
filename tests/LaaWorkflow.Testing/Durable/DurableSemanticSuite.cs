using LaaWorkflow.Durable;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LaaWorkflow.Testing.Durable;

/// <summary>
/// The durable runtime's guarantees, written against the backend contract only. Each backend's test project derives
/// from this class and says how to choose its backend; every backend must pass the same tests.
/// </summary>
public abstract partial class DurableSemanticSuite
{
    /// <summary>Chooses the backend under test, e.g. <c>builder.UseInMemoryBackend()</c>.</summary>
    protected abstract DurableTaskWorkerBuilder UseBackend(DurableTaskWorkerBuilder builder);

    /// <summary>Starts a host with the given tasks on the backend under test.</summary>
    protected Task<DurableTestHost> StartHostAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection>? services = null) =>
        DurableTestHost.StartAsync(b => UseBackend(b.AddTasks(tasks)), services);

    [Fact]
    public async Task CallActivityAsync_ThreeInSequence_ReturnsResultsInOrder()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello {name}")
            .AddOrchestratorFunc<string[], string>("Sequence", async (ctx, names) =>
            {
                var parts = new List<string>();
                foreach (var name in names)
                {
                    parts.Add(await ctx.CallActivityAsync<string>("Greet", name));
                }

                return string.Join(", ", parts);
            }));

        var id = await host.StartAsync("Sequence", new[] { "Leeds", "York", "Hull" });
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Leeds, Hello York, Hello Hull", done.ReadOutputAs<string>());
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(["Greet", "Greet", "Greet"], history.OfType<TaskScheduledEvent>().Select(e => e.Name));
        Assert.IsType<ExecutionStartedEvent>(history[0]);
        Assert.IsType<ExecutionCompletedEvent>(history.Last(e => e is not OrchestratorCompletedEvent));
    }

    [Fact]
    public async Task CallActivityAsync_FanOutOfOneHundred_FansInEveryResult()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(1, count).Select(n => ctx.CallActivityAsync<int>("Square", n)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(x => (long)x);
            }));

        var id = await host.StartAsync("FanOut", 100);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum(n => (long)n * n), done.ReadOutputAs<long>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeatsTimer_TimerCancelledAndInstanceCompletes()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Race", RaceAsync));

        var id = await host.StartAsync("Race");
        var running = await host.SettleAndGetAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);

        await host.Client.RaiseEventAsync(id, "Answer", "endorse");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("answer:endorse", done.ReadOutputAs<string>());
        Assert.Equal(DurableTestHost.DefaultStart, host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimerBeatsEvent_ReturnsDeadlinePassed()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Race", RaceAsync));

        var id = await host.StartAsync("Race");
        await host.AdvanceAsync(TimeSpan.FromDays(3));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("deadline", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateTimer_ThirtyDays_CompletesInVirtualTimeThroughChainedTimers()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, DateTime>("Wait30", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));

        var id = await host.StartAsync("Wait30");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.SettleAndGetAsync(id)).RuntimeStatus);
        await host.AdvanceAsync(TimeSpan.FromDays(30));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(DurableTestHost.DefaultStart.AddDays(30).UtcDateTime, done.ReadOutputAs<DateTime>());
        var timers = (await host.Client.GetOrchestrationHistoryAsync(id)).OfType<TimerCreatedEvent>().ToList();
        var maxDelay = host.Backend.Messages.MaxMessageDelay;
        Assert.True(timers.Count >= 2, $"a 30-day timer is chained under the {maxDelay} limit");
        Assert.All(timers, t => Assert.True(t.FireAt - t.Timestamp <= maxDelay));
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeInstanceStarts_EventsKeptAndDeliveredInOrder()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("TwoAnswers", async (ctx, _) =>
        {
            var first = await ctx.WaitForExternalEvent<string>("Answer");
            var second = await ctx.WaitForExternalEvent<string>("Answer");
            return $"{first},{second}";
        }));

        await host.Client.RaiseEventAsync("early", "Answer", "one");
        await host.Client.RaiseEventAsync("early", "Answer", "two");
        await host.SettleAsync();
        await host.StartAsync("TwoAnswers", instanceId: "early");
        var done = await host.WaitForCompletionAsync("early");

        Assert.Equal("one,two", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_CancelledWait_DoesNotConsumeTheEvent()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("CancelledWait", async (ctx, _) =>
        {
            using var cancel = new CancellationTokenSource();
            var abandoned = ctx.WaitForExternalEvent<string>("Answer", cancel.Token);
            cancel.Cancel();
            try
            {
                await abandoned;
                return "the cancelled wait completed";
            }
            catch (OperationCanceledException)
            {
                return await ctx.WaitForExternalEvent<string>("Answer");
            }
        }));

        var id = await host.StartAsync("CancelledWait");
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(id, "Answer", "kept");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal("kept", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_WithUnprocessedEvents_CarriesThemIntoTheNextExecution()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, string>("Rounds", async (ctx, round) =>
        {
            if (round < 2)
            {
                // Wait for the round's own signal; other events raised meanwhile stay unprocessed.
                await ctx.WaitForExternalEvent<string>($"Round{round}");
                ctx.ContinueAsNew(round + 1, preserveUnprocessedEvents: true);
                return string.Empty;
            }

            var carried = await ctx.WaitForExternalEvent<string>("Note");
            return $"round {round}: {carried}";
        }));

        var id = await host.StartAsync("Rounds", 0);
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(id, "Note", "kept across executions");
        await host.Client.RaiseEventAsync(id, "Round0", "go");
        await host.SettleAsync();
        await host.Client.RaiseEventAsync(id, "Round1", "go");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("round 2: kept across executions", done.ReadOutputAs<string>());
        Assert.Equal(2, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentSeesTaskFailedWithCause()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<string?, string>("Explode", (_, _) => Task.FromException<string>(new InvalidOperationException("partner body unknown")))
            .AddOrchestratorFunc<string?, string>("Child", (ctx, _) => ctx.CallActivityAsync<string>("Explode"))
            .AddOrchestratorFunc<string?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Child", null, new SubOrchestrationOptions("child-1"));
                }
                catch (TaskFailedException failed)
                {
                    var cause = failed.FailureDetails;
                    while (cause.InnerFailure is not null)
                    {
                        cause = cause.InnerFailure;
                    }

                    return $"child failed: {cause.ErrorType}: {cause.ErrorMessage}";
                }
            }));

        var id = await host.StartAsync("Parent");
        var done = await host.WaitForCompletionAsync(id);
        var child = await host.Client.GetInstanceAsync("child-1");

        Assert.Equal("child failed: System.InvalidOperationException: partner body unknown", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child?.RuntimeStatus);
        Assert.Equal(id, child?.ParentInstanceId);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFailureUnhandled_ParentFails()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string?, string>("Child", (_, _) => throw new InvalidOperationException("bad draft"))
            .AddOrchestratorFunc<string?, string>("Parent", (ctx, _) => ctx.CallSubOrchestratorAsync<string>("Child")));

        var id = await host.StartAsync("Parent");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails?.ErrorType);
        Assert.Equal("bad draft", done.FailureDetails?.InnerFailure?.ErrorMessage);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_InstanceIdAlreadyRunning_ParentGetsTaskFailed()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string?, string>("Forever", (ctx, _) => ctx.WaitForExternalEvent<string>("Never"))
            .AddOrchestratorFunc<string?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Forever", null, new SubOrchestrationOptions("busy-child"));
                }
                catch (TaskFailedException failed)
                {
                    return failed.FailureDetails.ErrorMessage;
                }
            }));

        await host.StartAsync("Forever", instanceId: "busy-child");
        await host.SettleAsync();
        var id = await host.StartAsync("Parent");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal("Orchestration instance 'busy-child' is already running.", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("busy-child"))?.RuntimeStatus);
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutPasses_ThrowsAndTheLaterEventIsKept()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Patient", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Answer", TimeSpan.FromDays(1));
            }
            catch (TaskCanceledException)
            {
                return $"timed out, then {await ctx.WaitForExternalEvent<string>("Answer")}";
            }
        }));

        var id = await host.StartAsync("Patient");
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        await host.Client.RaiseEventAsync(id, "Answer", "late answer");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal("timed out, then late answer", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_ActivityContext_CarriesInstanceExecutionAndTaskIds()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<string?, string>("WhoAmI", (ctx, _) => $"{ctx.Name}|{ctx.IdempotencyKey}")
            .AddOrchestratorFunc<string?, string[]>("Twice", async (ctx, _) =>
                [await ctx.CallActivityAsync<string>("WhoAmI"), await ctx.CallActivityAsync<string>("WhoAmI")]));

        var id = await host.StartAsync("Twice", instanceId: "keys-1");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal([$"WhoAmI|keys-1:{done.ExecutionId}:0", $"WhoAmI|keys-1:{done.ExecutionId}:1"], done.ReadOutputAs<string[]>()!);
    }

    private static async Task<string> RaceAsync(TaskOrchestrationContext ctx, string? _)
    {
        using var cancelTimer = new CancellationTokenSource();
        var deadline = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(2), cancelTimer.Token);
        var answer = ctx.WaitForExternalEvent<string>("Answer");
        if (await Task.WhenAny(answer, deadline) == answer)
        {
            cancelTimer.Cancel();
            return $"answer:{await answer}";
        }

        return "deadline";
    }
}
