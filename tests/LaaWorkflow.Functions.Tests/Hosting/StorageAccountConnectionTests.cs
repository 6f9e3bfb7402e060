using Azure.Identity;
using LaaWorkflow.Web.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Hosting;

/// <summary>The two ways to reach storage: a connection string locally, a managed identity in Azure.</summary>
public sealed class StorageAccountConnectionTests
{
    [Fact]
    public void FromConfiguration_ConnectionString_IsUsedAsItIsWithoutIdentity()
    {
        var connection = StorageAccountConnection.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.Null(connection.TableServiceUri);
        Assert.Equal("devstoreaccount1", connection.CreateTableServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_AccountNameWithManagedIdentity_DerivesEveryServiceEndpoint()
    {
        var connection = StorageAccountConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "laawfabc123"),
            ("AzureWebJobsStorage:credential", "managedidentity")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://laawfabc123.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://laawfabc123.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://laawfabc123.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        var client = connection.CreateTableServiceClient();
        Assert.Equal("laawfabc123", client.AccountName);
        Assert.Equal(connection.TableServiceUri, client.Uri);
    }

    [Fact]
    public void FromConfiguration_ServiceUris_WinOverTheAccountName()
    {
        var connection = StorageAccountConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "laawfabc123"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net/")));

        Assert.Equal(new Uri("https://tables.example.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://laawfabc123.queue.core.windows.net/"), connection.QueueServiceUri);
    }

    [Fact]
    public void FromConfiguration_NoCredentialSetting_UsesDefaultAzureCredential()
    {
        var connection = StorageAccountConnection.FromConfiguration(Settings(("AzureWebJobsStorage:tableServiceUri", "https://laawfabc123.table.core.windows.net/")));

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Null(connection.BlobServiceUri);
    }

    [Fact]
    public void FromConfiguration_AppSettingsAsEnvironmentVariables_AreReadWithTheirDoubleUnderscores()
    {
        // App settings reach the process as environment variables, "__" standing for the section separator.
        var name = "LaaStorage" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name + "__accountName", "laawfabc123");
        Environment.SetEnvironmentVariable(name + "__credential", "managedidentity");
        try
        {
            var connection = StorageAccountConnection.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build(), name);

            Assert.Equal(new Uri("https://laawfabc123.table.core.windows.net/"), connection.TableServiceUri);
            Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name + "__accountName", null);
            Environment.SetEnvironmentVariable(name + "__credential", null);
        }
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:other", "x", "set AzureWebJobsStorage to a connection string")]
    [InlineData("AzureWebJobsStorage:accountName", "Not_An_Account", "AzureWebJobsStorage__accountName must be a storage account name")]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "tables.example.net", "AzureWebJobsStorage__tableServiceUri must be an absolute https URI")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "ftp://blobs.example.net", "AzureWebJobsStorage__blobServiceUri must be an absolute https URI")]
    public void FromConfiguration_MissingOrMalformed_ThrowsNamingTheSetting(string key, string value, string expected)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccountConnection.FromConfiguration(Settings((key, value))));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_UnknownCredentialKind_ThrowsNamingIt()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccountConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "laawfabc123"),
            ("AzureWebJobsStorage:credential", "accountkey"))));

        Assert.Contains("AzureWebJobsStorage__credential", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'accountkey'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTableServiceClient_IdentityWithoutTableEndpoint_ThrowsNamingTheSettings()
    {
        var connection = StorageAccountConnection.FromConfiguration(Settings(("AzureWebJobsStorage:blobServiceUri", "https://laawfabc123.blob.core.windows.net/")));

        var failure = Assert.Throws<InvalidOperationException>(() => connection.CreateTableServiceClient());

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
