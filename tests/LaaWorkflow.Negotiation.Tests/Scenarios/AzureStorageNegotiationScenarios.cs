using LaaWorkflow.Durable;
using LaaWorkflow.Durable.AzureStorage;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

/// <summary>
/// Every scenario again with orchestration state in Azure Storage (Azurite): the backend the deployment runs on.
/// Each scenario gets a task hub of its own so no scenario sees another's instances.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageNegotiationScenarios(AzuriteFixture azurite) : NegotiationScenarios(azurite)
{
    private readonly string _connectionString = azurite.ConnectionString;

    protected override void ConfigureBackend(DurableTaskWorkerBuilder worker) =>
        worker.UseAzureStorageBackend(o =>
        {
            o.ConnectionString = _connectionString;
            o.TaskHubName = "neg" + Guid.NewGuid().ToString("N")[..20];
        });
}
