using LaaWorkflow.Negotiation.Tests.Support;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

// Every scenario on the SDK's in-memory backend (read models still on Azurite): quick, and it shows the orchestration
// logic apart from the storage provider.
public sealed class InMemoryEndorsementScenarios(SharedAzurite azurite) : EndorsementScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemoryAdminScenarios(SharedAzurite azurite) : AdminScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemoryAnswerScenarios(SharedAzurite azurite) : AnswerScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemoryDemoScenarios(SharedAzurite azurite) : DemoScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemoryRevisionScenarios(SharedAzurite azurite) : RevisionScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemorySilenceScenarios(SharedAzurite azurite) : SilenceScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}

public sealed class InMemorySinkScenarios(SharedAzurite azurite) : SinkScenarios(azurite.Azurite), IClassFixture<SharedAzurite>
{
    private protected override ScenarioBackend Backend => ScenarioBackend.InMemory;
}
