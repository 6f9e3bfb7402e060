using LaaWorkflow.Durable.AzureStorage.TestHost;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hosts;

/// <summary>What every multi-process test proves at the end: right outputs, nothing stuck, each effect once.</summary>
internal static class WorkloadAssertions
{
    public static async Task AssertAllCompletedExactlyOnceAsync(HubClient hub, IReadOnlyList<string> areas, Func<string, string> instanceOf)
    {
        foreach (var area in areas)
        {
            var id = instanceOf(area);
            var parent = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.True(parent is not null, $"instance {id} is missing");
            Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
            Assert.Equal(Workload.ExpectedOutput(area), parent.ReadOutputAs<string>());
            var child = await hub.Client.GetInstanceAsync($"{id}-partner", getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);

            // One effect per activity: none lost, none applied again under a new key after a crash.
            Assert.Equal(Workload.EffectsPerParent, (await hub.RowsAsync(hub.Effects, $"PartitionKey eq '{id}'")).Count);
            Assert.Single(await hub.RowsAsync(hub.Effects, $"PartitionKey eq '{id}-partner'"));
        }

        // Nothing left Running or Pending, by the index the management API lists from.
        var stuck = await hub.Client.GetInstancesPageAsync(new Client.OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
        });
        Assert.Empty(stuck.Instances);
    }

    /// <summary>Waits with a real-time deadline for every parent to finish (the child hosts do the work).</summary>
    public static async Task WaitForAllAsync(HubClient hub, IEnumerable<string> instanceIds, TimeSpan deadline, Func<string> diagnostics)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            foreach (var id in instanceIds)
            {
                await hub.Client.WaitForInstanceCompletionAsync(id, cancellation: timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Not every instance finished within {deadline}. Host output:\n{diagnostics()}");
        }
    }
}
