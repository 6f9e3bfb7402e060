using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests;

/// <summary>One private Azurite for the whole test assembly; each test uses its own task hub name.</summary>
[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
