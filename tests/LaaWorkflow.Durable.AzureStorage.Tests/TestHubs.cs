using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Durable.AzureStorage.Tests;

/// <summary>Names and storage for one test's own task hub on the shared Azurite.</summary>
internal static class TestHubs
{
    private static int s_counter;

    /// <summary>A hub name no other test uses: letters and digits, short enough for every derived name.</summary>
    public static string NewHubName() =>
        $"h{Interlocked.Increment(ref s_counter)}x{Guid.NewGuid():N}"[..20];

    public static AzureHubStorage Storage(AzuriteFixture azurite) => new(azurite.ConnectionString);
}
