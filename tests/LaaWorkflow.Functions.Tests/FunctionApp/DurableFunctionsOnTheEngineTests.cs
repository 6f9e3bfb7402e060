using System.Text.Json;
using LaaWorkflow.Functions.Durable;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Testing;
using LaaWorkflow.Web.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Functions.Tests.FunctionApp;

/// <summary>
/// The Functions app's orchestrator and activity functions, run by the real Durable Task engine on Azurite in place of
/// the classes the local host registers: a negotiation started through the service goes from invitations to the
/// signed-off document through the functions' entry points alone, with their inputs and outputs in the JSON the Durable
/// extension's converter writes.
/// </summary>
[Collection("azurite-scenarios")]
public sealed class DurableFunctionsOnTheEngineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Negotiation_RunByTheFunctionWrappers_IsSignedOffWithItsDocument()
    {
        using var host = await StartAsync();
        var negotiations = host.Services.GetRequiredService<NegotiationService>();
        var request = TestPace.Consulting(DemoNegotiations.For("Stockton"));

        var started = await negotiations.StartAsync(request);
        Assert.True(started.Started, string.Join("; ", started.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? []));
        var id = started.InstanceId!;
        await WaitAsync(host, id, async () => (await negotiations.GetAsync(id))?.Partners.All(p => p.Status == PartnerStatus.Invited) == true);

        foreach (var partner in request.Partners!)
        {
            var recorded = await negotiations.RecordOnBehalfAsync(id, partner!.Id!, "endorse", "Endorsed at the board.", "Answered by telephone", "admin");
            Assert.Equal(NegotiationResultStatus.Accepted, recorded.Status);
        }
        await WaitAsync(host, id, async () => (await negotiations.GetAsync(id))?.Phase == NegotiationPhase.GovernmentOffice);
        Assert.Equal(NegotiationResultStatus.Accepted, (await negotiations.GovernmentOfficeDecisionAsync(id, true, "Approved.")).Status);
        await WaitAsync(host, id, async () => (await negotiations.GetAsync(id))?.Phase == NegotiationPhase.Finalised);

        var view = await negotiations.GetAsync(id);
        Assert.NotNull(view!.DocumentUrl);
        Assert.NotNull(await host.Services.GetRequiredService<AgreementDocuments>().ReadAsync(id, CancellationToken.None));
    }

    /// <summary>Waits for <paramref name="condition"/>; on a timeout, says how the orchestration stands, so a failing wrapper shows its error.</summary>
    private static async Task WaitAsync(IHost host, string id, Func<Task<bool>> condition)
    {
        try
        {
            await Eventually.WaitUntilAsync(condition);
        }
        catch (TimeoutException)
        {
            var instance = await host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true);
            var history = await host.Services.GetRequiredService<IOrchestrationHistory>().GetAsync(id, CancellationToken.None);
            Assert.Fail($"Timed out; {id} is {instance?.RuntimeStatus}: {instance?.FailureDetails?.ErrorMessage}\n"
                + string.Join("\n", history.TakeLast(5).Select(e => $"{e.EventType} {e.Name} {e.Reason} {e.Result}")));
        }
    }

    /// <summary>A host with the shared services and a local task hub whose orchestrators and activities are the Functions app's.</summary>
    private async Task<IHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(HostFactory.Settings(azurite));
        IServiceProvider? services = null;
        IServiceProvider Services() => services ?? throw new InvalidOperationException("The host is not built yet.");
        builder.Services.AddWorkflow(builder.Configuration);
        builder.Services.AddLocalTaskHub(builder.Configuration, azurite.ConnectionString, registry => registry
            .AddOrchestratorFunc<object?, object?>("AgreementOrchestrator", (context, _) => OrchestratorFunctions.AgreementAsync(context))
            .AddOrchestratorFunc<object?, object?>("PartnerConsultationOrchestrator", (context, _) => OrchestratorFunctions.PartnerConsultationAsync(context))
            .AddActivityFunc<JsonElement, object?>("SendEmailActivity", (context, input) =>
                ActivityFunctions.SendEmailAsync(input, new TestFunctionContext(Services(), context.InstanceId)))
            .AddActivityFunc<JsonElement, object?>("UpdateReadModelActivity", (context, input) =>
                ActivityFunctions.UpdateReadModelAsync(input, new TestFunctionContext(Services(), context.InstanceId)))
            .AddActivityFunc<JsonElement, object?>("StoreAgreementDocumentActivity", (context, input) =>
                ActivityFunctions.StoreAgreementDocumentAsync(input, new TestFunctionContext(Services(), context.InstanceId))),
            NegotiationServiceCollectionExtensions.DataConverter);
        var host = builder.Build();
        services = host.Services;
        await host.StartAsync();
        return host;
    }
}
