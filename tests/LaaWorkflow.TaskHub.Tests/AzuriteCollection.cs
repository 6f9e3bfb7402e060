using LaaWorkflow.Testing;

namespace LaaWorkflow.TaskHub.Tests;

/// <summary>One private Azurite for the assembly; every test runs its own task hub in it.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
