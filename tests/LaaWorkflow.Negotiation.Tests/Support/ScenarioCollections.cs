namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>The in-memory backend's scenarios: one collection, so they run one at a time, beside the other backend's.</summary>
[CollectionDefinition(Name)]
public sealed class InMemoryScenarioCollection : ICollectionFixture<SharedAzurite>
{
    public const string Name = "in-memory scenarios";
}

/// <summary>The Azure Storage backend's scenarios: one collection, so they run one at a time, beside the other backend's.</summary>
[CollectionDefinition(Name)]
public sealed class AzureStorageScenarioCollection : ICollectionFixture<SharedAzurite>
{
    public const string Name = "azure storage scenarios";
}
