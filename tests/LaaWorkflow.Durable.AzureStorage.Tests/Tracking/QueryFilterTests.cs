using LaaWorkflow.Durable.AzureStorage.Tracking;
using LaaWorkflow.Durable.Backend;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Tracking;

public sealed class QueryFilterTests
{
    [Fact]
    public void FilterOf_EmptyQuery_IsNull() => Assert.Null(AzureTrackingStore.FilterOf(new InstanceQuery()));

    [Fact]
    public void FilterOf_AllCriteria_UsesIndexColumnsAndAKeyRangeForThePrefix()
    {
        var filter = AzureTrackingStore.FilterOf(new InstanceQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            CreatedFrom = new DateTimeOffset(2008, 3, 1, 0, 0, 0, TimeSpan.Zero),
            CreatedTo = new DateTimeOffset(2008, 6, 30, 17, 0, 0, TimeSpan.Zero),
            InstanceIdPrefix = "sunder'land",
        });

        Assert.Equal(
            "(RuntimeStatus eq 'Running' or RuntimeStatus eq 'Pending') and CreatedAt ge datetime'2008-03-01T00:00:00.0000000Z' " +
            "and CreatedAt le datetime'2008-06-30T17:00:00.0000000Z' and PartitionKey ge 'sunder''land' and PartitionKey lt 'sunder''lane'",
            filter);
    }
}
