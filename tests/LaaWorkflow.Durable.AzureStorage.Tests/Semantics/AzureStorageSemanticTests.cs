using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Durable;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Semantics;

/// <summary>The runtime's shared semantic suite, on the Azure Storage backend against Azurite, one task hub per test.</summary>
[Collection("azurite")]
public sealed class AzureStorageSemanticTests(AzuriteFixture azurite) : DurableSemanticSuite
{
    protected override DurableTaskWorkerBuilder UseBackend(DurableTaskWorkerBuilder builder) =>
        builder.Configure(w => w.MaxConcurrentActivities = 16).UseAzureStorageBackend(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHubName = TestHubs.NewHubName();
            o.PartitionCount = 2;
            o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
        });
}
