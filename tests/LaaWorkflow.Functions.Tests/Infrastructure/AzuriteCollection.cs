using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

// Every host has its own task hub and tables, so test classes need not share anything but an Azurite; a few
// collections, each with its own Azurite, let the slow scenario classes run beside the quick ones.

/// <summary>The plumbing, health, security and negotiation API tests.</summary>
[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The management API and the maintenance purge, which run test orchestrations.</summary>
[CollectionDefinition("azurite-management")]
public sealed class ManagementAzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The negotiation scenarios: decisions, replies, the browser.</summary>
[CollectionDefinition("azurite-scenarios")]
public sealed class ScenarioAzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The hostile-input cases, each class on one shared host.</summary>
[CollectionDefinition("azurite-hostile")]
public sealed class HostileAzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The hostile JSON and query cases, the most numerous.</summary>
[CollectionDefinition("azurite-hostile-json")]
public sealed class HostileJsonAzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The hostile answers and webhooks.</summary>
[CollectionDefinition("azurite-hostile-answers")]
public sealed class HostileAnswersAzuriteCollection : ICollectionFixture<AzuriteFixture>;
