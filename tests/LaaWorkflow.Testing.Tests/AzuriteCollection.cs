using Xunit;

namespace LaaWorkflow.Testing.Tests;

/// <summary>The fixture under test, shared by the tests that use a running Azurite.</summary>
[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
