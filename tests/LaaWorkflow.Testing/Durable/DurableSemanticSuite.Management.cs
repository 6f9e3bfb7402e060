using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.History;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LaaWorkflow.Testing.Durable;

/// <summary>Retries, management operations (terminate, suspend, resume, rewind, restart, purge) and queries.</summary>
public abstract partial class DurableSemanticSuite
{
    [Fact]
    public async Task CallActivityAsync_RetryPolicyWithBackoff_RetriesOnVirtualTimeAndSucceeds()
    {
        await using var host = await StartHostAsync(
            r => r.AddActivity<FlakyActivity>().AddOrchestratorFunc<int, string>("Retrying", (ctx, failures) =>
                ctx.CallActivityAsync<string>(nameof(FlakyActivity), failures, TaskOptions.FromRetryPolicy(
                    new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMinutes(1), backoffCoefficient: 2)))),
            s => s.AddSingleton<AttemptLog>());
        var log = host.Services.GetRequiredService<AttemptLog>();
        var start = host.Clock.GetUtcNow();

        var id = await host.StartAsync("Retrying", 2);
        await host.SettleAsync();
        Assert.Single(log.Attempts);
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, log.Attempts.Count);
        await host.AdvanceAsync(TimeSpan.FromMinutes(2));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("succeeded on attempt 3", done.ReadOutputAs<string>());
        Assert.Equal([start, start.AddMinutes(1), start.AddMinutes(3)], log.Attempts);
    }

    [Fact]
    public async Task CallActivityAsync_RetriesExhausted_FailsWithLastFailure()
    {
        await using var host = await StartHostAsync(
            r => r.AddActivity<FlakyActivity>().AddOrchestratorFunc<int, string>("Retrying", (ctx, failures) =>
                ctx.CallActivityAsync<string>(nameof(FlakyActivity), failures, TaskOptions.FromRetryPolicy(
                    new RetryPolicy(2, TimeSpan.FromSeconds(30))))),
            s => s.AddSingleton<AttemptLog>());

        var id = await host.StartAsync("Retrying", 5);
        await host.AdvanceAsync(TimeSpan.FromMinutes(5));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(2, host.Services.GetRequiredService<AttemptLog>().Attempts.Count);
        Assert.Equal("attempt 2 failed", done.FailureDetails?.InnerFailure?.ErrorMessage);
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesParentAndRunningChild()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string?, string>("Forever", (ctx, _) => ctx.WaitForExternalEvent<string>("Never"))
            .AddOrchestratorFunc<string?, string>("Parent", (ctx, _) =>
                ctx.CallSubOrchestratorAsync<string>("Forever", null, new SubOrchestrationOptions("forever-child"))));

        var id = await host.StartAsync("Parent");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.SettleAndGetAsync("forever-child")).RuntimeStatus);
        await host.Client.TerminateInstanceAsync(id, "withdrawn by the LSP", recursive: true);
        var parent = await host.WaitForCompletionAsync(id);
        var child = await host.WaitForCompletionAsync("forever-child");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal("withdrawn by the LSP", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_ActedOnOnlyAfterResume()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Waits", (ctx, _) =>
            ctx.WaitForExternalEvent<string>("Answer")));

        var id = await host.StartAsync("Waits");
        await host.SettleAsync();
        await host.Client.SuspendInstanceAsync(id, "awaiting legal advice");
        await host.Client.RaiseEventAsync(id, "Answer", "endorse");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.SettleAndGetAsync(id)).RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("endorse", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RewindInstanceAsync_FailedActivityNowSucceeds_InstanceCompletes()
    {
        await using var host = await StartHostAsync(
            r => r.AddActivity<SwitchableActivity>().AddActivityFunc<string, string>("Echo", (_, s) => s)
                .AddOrchestratorFunc<string?, string>("Fragile", async (ctx, _) =>
                {
                    var before = await ctx.CallActivityAsync<string>("Echo", "drafted");
                    var risky = await ctx.CallActivityAsync<string>(nameof(SwitchableActivity));
                    return $"{before}+{risky}";
                }),
            s => s.AddSingleton<Switch>());
        var breaker = host.Services.GetRequiredService<Switch>();
        breaker.Broken = true;

        var id = await host.StartAsync("Fragile");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.WaitForCompletionAsync(id)).RuntimeStatus);

        breaker.Broken = false;
        await host.Client.RewindInstanceAsync(id, "storage fixed");
        await host.SettleAsync();
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("drafted+fixed", done.ReadOutputAs<string>());
        Assert.Equal(1, (await host.Client.GetOrchestrationHistoryAsync(id)).OfType<TaskScheduledEvent>().Count(e => e.Name == "Echo"));
    }

    [Fact]
    public async Task RewindInstanceAsync_InstanceNotFailed_ThrowsNamingTheStatus()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Waits", (ctx, _) =>
            ctx.WaitForExternalEvent<string>("Answer")));

        var id = await host.StartAsync("Waits");
        await host.SettleAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RewindInstanceAsync(id));
        Assert.Contains("Running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartAsync_CompletedInstance_RunsAgainWithTheSameInputAndANewExecution()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, int>("Double", (ctx, n) => Task.FromResult(n * 2)));

        var id = await host.StartAsync("Double", 21, instanceId: "double-1");
        var first = await host.WaitForCompletionAsync(id);
        var sameId = await host.Client.RestartAsync(id);
        await host.SettleAsync();
        var second = await host.WaitForCompletionAsync(sameId);
        var newId = await host.Client.RestartAsync(id, restartWithNewInstanceId: true);
        var third = await host.WaitForCompletionAsync(newId);

        Assert.Equal(id, sameId);
        Assert.Equal(42, second.ReadOutputAs<int>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.NotEqual(id, newId);
        Assert.Equal(42, third.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_RunningInstanceId_ThrowsAndKeepsTheInstance()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Waits", (ctx, _) =>
            ctx.WaitForExternalEvent<string>("Answer")));

        await host.StartAsync("Waits", "first", instanceId: "dup");
        await host.SettleAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync("Waits", "second", instanceId: "dup"));
        var kept = await host.Client.GetInstanceAsync("dup", getInputsAndOutputs: true);
        Assert.Equal("first", kept?.ReadInputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, kept?.RuntimeStatus);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtLater_StaysPendingUntilThen()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, DateTime>("When", (ctx, _) =>
            Task.FromResult(ctx.CurrentUtcDateTime)));
        var startAt = host.Clock.GetUtcNow().AddDays(10);

        var id = await host.StartAsync("When", startAt: startAt);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.SettleAndGetAsync(id)).RuntimeStatus);
        await host.AdvanceAsync(TimeSpan.FromDays(10));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(startAt.UtcDateTime, done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_BeforeScheduledStart_TerminatesAtOnceAndNeverStarts()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Later", (_, _) => Task.FromResult("ran")));

        var id = await host.StartAsync("Later", startAt: host.Clock.GetUtcNow().AddDays(10));
        await host.SettleAsync();
        await host.Client.TerminateInstanceAsync(id, "plan withdrawn");
        var terminated = await host.WaitForCompletionAsync(id);
        await host.AdvanceAsync(TimeSpan.FromDays(10));
        var after = await host.SettleAndGetAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after.RuntimeStatus);
        Assert.Equal("plan withdrawn", after.ReadOutputAs<string>());
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync(id));
    }

    [Fact]
    public async Task PurgeInstanceAsync_CompletedAndRunning_RemovesOnlyTheFinishedOne()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string?, string>("Quick", (_, _) => Task.FromResult("done"))
            .AddOrchestratorFunc<string?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("Answer")));

        var finished = await host.StartAsync("Quick");
        await host.WaitForCompletionAsync(finished);
        var running = await host.StartAsync("Waits");
        await host.SettleAsync();

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(finished)).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_StatusFilter_RemovesMatchingFinishedInstances()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<bool, string>("Maybe", (_, fail) => fail ? throw new InvalidOperationException("no") : Task.FromResult("yes")));

        var ok = await host.StartAsync("Maybe", false);
        var bad = await host.StartAsync("Maybe", true);
        await host.WaitForCompletionAsync(ok);
        await host.WaitForCompletionAsync(bad);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Failed]));

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(bad));
        Assert.NotNull(await host.Client.GetInstanceAsync(ok));
    }

    [Fact]
    public async Task GetInstancesPageAsync_PrefixAndPageSize_PagesWithContinuationTokens()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Quick", (_, _) => Task.FromResult("done")));
        for (var i = 0; i < 5; i++)
        {
            await host.StartAsync("Quick", instanceId: $"laa-{i}");
        }

        await host.StartAsync("Quick", instanceId: "other");
        await host.SettleAsync();

        var ids = new List<string>();
        var pages = 0;
        var query = new OrchestrationQuery { InstanceIdPrefix = "laa-", PageSize = 2, Statuses = [OrchestrationRuntimeStatus.Completed] };
        do
        {
            var page = await host.Client.GetInstancesPageAsync(query);
            pages++;
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["laa-0", "laa-1", "laa-2", "laa-3", "laa-4"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetCustomStatus_WhileRunning_VisibleToClients()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Phases", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { phase = "consultation", outstanding = 3 });
            return await ctx.WaitForExternalEvent<string>("Answer");
        }));

        var id = await host.StartAsync("Phases");
        var running = await host.SettleAndGetAsync(id);

        Assert.Equal("{\"phase\":\"consultation\",\"outstanding\":3}", running.SerializedCustomStatus);
    }

    [Fact]
    public async Task SetCustomStatus_Over16Kilobytes_FailsWithClearError()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Chatty", (ctx, _) =>
        {
            ctx.SetCustomStatus(new string('x', 17 * 1024));
            return Task.FromResult("unreachable");
        }));

        var id = await host.StartAsync("Chatty");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(ArgumentException).FullName, done.FailureDetails?.ErrorType);
        Assert.Contains("16 KB", done.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_IsDelivered()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string?, string>("Listener", (ctx, _) => ctx.WaitForExternalEvent<string>("Ping"))
            .AddOrchestratorFunc<string?, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target!, "Ping", "from sender");
                return Task.FromResult("sent");
            }));

        var listener = await host.StartAsync("Listener");
        await host.StartAsync("Sender", listener);
        var done = await host.WaitForCompletionAsync(listener);

        Assert.Equal("from sender", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_StaysTheSame()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string?, string>("Guids", async (ctx, _) =>
        {
            var first = ctx.NewGuid();
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            var second = ctx.NewGuid();
            ctx.SetCustomStatus(first);
            await ctx.WaitForExternalEvent<string>("Go");
            return $"{first}|{second}|{ctx.CustomStatusProbe()}";
        }));

        var id = await host.StartAsync("Guids");
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        var status = (await host.SettleAndGetAsync(id)).ReadCustomStatusAs<Guid>();
        await host.Client.RaiseEventAsync(id, "Go");
        var parts = (await host.WaitForCompletionAsync(id)).ReadOutputAs<string>()!.Split('|');

        Assert.Equal(status.ToString(), parts[0]);
        Assert.NotEqual(parts[0], parts[1]);
    }

    /// <summary>Which instants an activity ran at.</summary>
    public sealed class AttemptLog
    {
        private readonly List<DateTimeOffset> _attempts = [];

        public IReadOnlyList<DateTimeOffset> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return [.. _attempts];
                }
            }
        }

        public int Add(DateTimeOffset at)
        {
            lock (_attempts)
            {
                _attempts.Add(at);
                return _attempts.Count;
            }
        }
    }

    /// <summary>Fails its first N attempts (N is the input), recording when each ran.</summary>
    public sealed class FlakyActivity(AttemptLog log, TimeProvider time) : TaskActivity<int, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, int input)
        {
            var attempt = log.Add(time.GetUtcNow());
            return attempt <= input
                ? throw new InvalidOperationException($"attempt {attempt} failed")
                : Task.FromResult($"succeeded on attempt {attempt}");
        }
    }

    /// <summary>A switch a test flips to make <see cref="SwitchableActivity"/> fail or succeed.</summary>
    public sealed class Switch
    {
        public volatile bool Broken;
    }

    /// <summary>Fails while the switch is broken.</summary>
    public sealed class SwitchableActivity(Switch breaker) : TaskActivity<string?, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string? input) =>
            breaker.Broken ? throw new IOException("storage unavailable") : Task.FromResult("fixed");
    }
}

internal static class ContextProbe
{
    /// <summary>Something deterministic to print after the wait, so the output depends on replay being exact.</summary>
    public static string CustomStatusProbe(this TaskOrchestrationContext context) => context.IsReplaying ? "replaying" : "live";
}
