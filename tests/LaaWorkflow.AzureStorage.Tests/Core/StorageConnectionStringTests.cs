using LaaWorkflow.AzureStorage.Core;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Core;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtLocalEmulatorPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_AccountNameAndKey_BuildsServiceEndpointsFromSuffix()
    {
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=laa;AccountKey=a2V5;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://laa.table.core.windows.net"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://laa.queue.core.windows.net"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://laa.blob.core.windows.net"), parsed.BlobEndpoint);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_UsesThem()
    {
        var parsed = StorageConnectionString.Parse("AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5555/devstoreaccount1/;");
        Assert.Equal(new Uri("http://127.0.0.1:5555/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=x", "AccountKey")]
    [InlineData("AccountName=x;AccountKey=not base64!", "base64")]
    [InlineData("AccountName=x;AccountKey=a2V5;TableEndpoint=relative/path", "TableEndpoint")]
    public void Parse_BadInput_ThrowsNamingTheProblem(string connectionString, string named)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadKey_DoesNotEchoTheKey()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=x;AccountKey=super-secret-value!"));
        Assert.DoesNotContain("super-secret", error.Message, StringComparison.Ordinal);
    }
}
