using LaaWorkflow.Testing;

namespace LaaWorkflow.Email.Tests.Storage;

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
