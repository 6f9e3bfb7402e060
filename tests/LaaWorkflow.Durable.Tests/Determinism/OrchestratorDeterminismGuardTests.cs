using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Tests.Replay;
using LaaWorkflow.Testing.Durable;

namespace LaaWorkflow.Durable.Tests.Determinism;

public sealed class OrchestratorDeterminismGuardTests
{
    [Theory]
    [InlineData(typeof(ReadsSystemClock), "System.DateTime.get_UtcNow")]
    [InlineData(typeof(MakesRandomGuid), "System.Guid.NewGuid")]
    [InlineData(typeof(DelaysInLambda), "System.Threading.Tasks.Task.Delay")]
    [InlineData(typeof(SleepsAfterAwait), "System.Threading.Thread.Sleep")]
    [InlineData(typeof(ReadsFileThroughHelper), "file I/O (System.IO.File.ReadAllTextAsync)")]
    [InlineData(typeof(CallsHttp), "HTTP I/O (System.Net.Http.HttpClient")]
    public void FindViolations_NonDeterministicOrchestrator_NamesTheCall(Type orchestrator, string expected)
    {
        var violations = OrchestratorDeterminismGuard.FindViolations(orchestrator);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void FindViolations_OrchestratorUsingTheContext_FindsNothing()
    {
        Assert.Empty(OrchestratorDeterminismGuard.FindViolations(typeof(UsesTheContext)));
    }

    [Fact]
    public void AssertDeterministic_RecordedConsultationOrchestrators_Pass()
    {
        foreach (var type in new[] { typeof(ConsultationV1), typeof(ConsultationV1Refactored), typeof(ConsultationV2) })
        {
            Assert.Empty(OrchestratorDeterminismGuard.FindViolations(type));
        }
    }

    private sealed class ReadsSystemClock : TaskOrchestrator<string?, DateTime>
    {
        public override Task<DateTime> RunAsync(TaskOrchestrationContext context, string? input) => Task.FromResult(DateTime.UtcNow);
    }

    private sealed class MakesRandomGuid : TaskOrchestrator<string?, Guid>
    {
        public override async Task<Guid> RunAsync(TaskOrchestrationContext context, string? input)
        {
            await context.CallActivityAsync("Anything");
            return Guid.NewGuid();
        }
    }

    private sealed class DelaysInLambda : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            Func<Task> wait = () => Task.Delay(TimeSpan.FromDays(1));
            await wait();
            return "waited";
        }
    }

    private sealed class SleepsAfterAwait : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            Thread.Sleep(10);
            return "slept";
        }
    }

    private sealed class ReadsFileThroughHelper : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Helper.ReadAsync(input);
    }

    private sealed class CallsHttp : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            using var http = new HttpClient();
            return await http.GetStringAsync(new Uri(input));
        }
    }

    private sealed class UsesTheContext : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            var id = context.NewGuid();
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
            return $"{id}:{await context.CallActivityAsync<string>("Read", input)}";
        }
    }

    private static class Helper
    {
        public static async Task<string> ReadAsync(string path) => (await File.ReadAllTextAsync(path)).Trim();
    }
}
