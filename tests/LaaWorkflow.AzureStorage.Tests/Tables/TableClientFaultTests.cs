using Azure.Core;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

[Collection("azurite")]
public sealed class TableClientFaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetEntityAsync_StorageDownThenBack_RetriesAndReadsDataKeptAcrossRestart()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxRetries = 150;
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName(), options);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Kept"] = "yes" });

        await azurite.StopAsync();
        Task<Azure.Response<TableEntity>> read;
        try
        {
            read = table.GetEntityAsync<TableEntity>("p", "r");
            Assert.False(read.IsCompleted);
        }
        finally
        {
            await azurite.StartAsync();
        }

        Assert.Equal("yes", (await read).Value.GetString("Kept"));
    }
}
