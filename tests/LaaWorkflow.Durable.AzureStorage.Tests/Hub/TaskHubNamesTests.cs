using LaaWorkflow.Durable.AzureStorage.Hub;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hub;

public sealed class TaskHubNamesTests
{
    [Fact]
    public void Names_FromHubName_AreDerivedInOnePlace()
    {
        var names = new TaskHubNames("LaaHub");
        Assert.Equal("LaaHubHistory", names.HistoryTable);
        Assert.Equal("LaaHubInstances", names.InstancesTable);
        Assert.Equal("laahub-control-03", names.ControlQueue(3));
        Assert.Equal("laahub-workitems", names.WorkItemQueue);
        Assert.Equal("laahub-largemessages", names.LargePayloadContainer);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("my-hub")]
    [InlineData("")]
    public void Constructor_InvalidHubName_ThrowsNamingTheHub(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskHubNames(name));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }
}
