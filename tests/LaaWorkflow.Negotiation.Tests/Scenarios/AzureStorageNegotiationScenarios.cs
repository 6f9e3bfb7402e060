using LaaWorkflow.Negotiation.Tests.Support;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

/// <summary>
/// Every scenario again with orchestration state in Azure Storage (the private Azurite): the backend the deployment
/// runs on. Each scenario gets a task hub of its own so no scenario sees another's instances.
/// </summary>
[Collection(AzureStorageScenarioCollection.Name)]
public sealed class AzureStorageNegotiationScenarios(SharedAzurite azurite) : NegotiationScenarios(azurite.Azurite)
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}
