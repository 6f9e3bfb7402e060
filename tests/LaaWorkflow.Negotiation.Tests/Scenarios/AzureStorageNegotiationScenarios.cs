using LaaWorkflow.Negotiation.Tests.Support;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

// Every scenario again with orchestration state in Azure Storage (the private Azurite): the backend the deployment
// runs on. Each scenario gets a task hub of its own so no scenario sees another's instances.
public sealed class AzureStorageEndorsementScenarios(SharedAzurite azurite) : EndorsementScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageAdminScenarios(SharedAzurite azurite) : AdminScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageAnswerScenarios(SharedAzurite azurite) : AnswerScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageDemoScenarios(SharedAzurite azurite) : DemoScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageRevisionScenarios(SharedAzurite azurite) : RevisionScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageSilenceScenarios(SharedAzurite azurite) : SilenceScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageSinkScenarios(SharedAzurite azurite) : SinkScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageLeadChaseScenarios(SharedAzurite azurite) : LeadChaseScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}

public sealed class AzureStorageSignOffExtensionScenarios(SharedAzurite azurite) : SignOffExtensionScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.AzureStorage;
}
