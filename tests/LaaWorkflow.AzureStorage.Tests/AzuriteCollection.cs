using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests;

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
