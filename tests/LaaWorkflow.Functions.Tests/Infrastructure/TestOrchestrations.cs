using LaaWorkflow.LocalHost.Management;
using LaaWorkflow.Negotiation;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>Small orchestrations for exercising the management API through the real engine.</summary>
internal static class TestOrchestrations
{
    public const string Echo = "Echo";
    public const string WaitForApproval = "WaitForApproval";
    public const string Fails = "Fails";
    public const string WithChildren = "WithChildren";
    public const string ApprovalEvent = "Approval";

    /// <summary>
    /// Adds the test orchestrators to the host's worker and to the names the management API will start. The worker's
    /// registry is the default-named options the host's AddTasks configures, so these add to the host's own tasks.
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        services.Configure(Options.DefaultName, (Action<DurableTaskRegistry>)(registry => registry
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
            .AddOrchestratorFunc<string?, string[]>(WithChildren, async (context, _) =>
                await Task.WhenAll(Enumerable.Range(0, 2).Select(i => context.CallSubOrchestratorAsync<string>(
                    WaitForApproval, options: new SubOrchestrationOptions { InstanceId = ChildId(context.InstanceId, i) }))))
            .AddOrchestratorFunc<string?, string>(Fails, (_, input) => Task.FromException<string>(new InvalidOperationException($"failing on purpose: {input}")))));
        services.RemoveAll<KnownOrchestrators>();
        services.AddSingleton(new KnownOrchestrators([.. NegotiationServiceCollectionExtensions.OrchestratorNames, Echo, WaitForApproval, Fails, WithChildren]));
    }

    /// <summary>The instance id of <see cref="WithChildren"/>'s child number <paramref name="index"/>.</summary>
    public static string ChildId(string parentId, int index) => $"{parentId}:child:{index}";
}
