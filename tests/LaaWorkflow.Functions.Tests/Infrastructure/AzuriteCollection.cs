using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
