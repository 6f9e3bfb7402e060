using LaaWorkflow.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>Small orchestrations for exercising the management API through the real runtime.</summary>
internal static class TestOrchestrations
{
    public const string Echo = "Echo";
    public const string WaitForApproval = "WaitForApproval";
    public const string Fails = "Fails";
    public const string ApprovalEvent = "Approval";

    public static void Register(IServiceCollection services) =>
        services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry
            .AddActivityFunc<string, string>("Shout", (_, text) => text.ToUpperInvariant())
            .AddOrchestratorFunc<string?, string>(Echo, async (context, input) =>
            {
                context.SetCustomStatus(new { step = "shouting" });
                return await context.CallActivityAsync<string>("Shout", input ?? "");
            })
            .AddOrchestratorFunc<string?, string>(WaitForApproval, async (context, _) =>
            {
                context.SetCustomStatus(new { waitingFor = ApprovalEvent });
                var answer = await context.WaitForExternalEvent<string>(ApprovalEvent);
                return $"approved:{answer}";
            })
            .AddOrchestratorFunc<string?, string>(Fails, (_, input) => throw new InvalidOperationException($"failing on purpose: {input}"))));
}
