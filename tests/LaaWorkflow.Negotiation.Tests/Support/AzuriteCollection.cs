using LaaWorkflow.Testing;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>One private Azurite for the whole test assembly; every test uses its own tables.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
