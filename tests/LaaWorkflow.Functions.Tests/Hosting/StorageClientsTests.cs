using Azure.Data.Tables;
using LaaWorkflow.Testing;
using LaaWorkflow.Web.Hosting.Storage;
using LaaWorkflow.Web.Problems;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Hosting;

/// <summary>The official clients as the app builds them: counted, and their failures read as an outage when storage is away.</summary>
[Collection("azurite")]
public sealed class StorageClientsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateTableServiceClient_Requests_AreCountedByKind()
    {
        var service = Connection(azurite.ConnectionString).CreateTableServiceClient();
        var table = service.GetTableClient(AzuriteFixture.NewTableName("counted"));
        await table.CreateIfNotExistsAsync();
        var before = StorageOperationCounter.Snapshot();

        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.GetEntityAsync<TableEntity>("p", "r");
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r2"))]);
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "p"))
        {
            rows++;
        }

        var after = StorageOperationCounter.Snapshot();
        Assert.Equal(2, rows);
        // Other tests may count alongside; each kind grew by at least this test's one request.
        Assert.True(after["table.write"] - before["table.write"] >= 1);
        Assert.True(after["table.read"] - before["table.read"] >= 1);
        Assert.True(after["table.batch"] - before["table.batch"] >= 1);
        Assert.True(after["table.query"] - before["table.query"] >= 1);
    }

    [Fact]
    public async Task IsOutage_OfficialClientWithNothingListening_IsTrue()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var dead = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};";
        var table = Connection(dead).CreateTableServiceClient(options).GetTableClient("nowhere");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.CreateIfNotExistsAsync());

        Assert.True(StorageOutage.IsOutage(error), error.GetType().Name + ": " + error.Message);
    }

    [Fact]
    public async Task IsOutage_ConflictFromTheOfficialClient_IsFalse()
    {
        var table = Connection(azurite.ConnectionString).CreateTableServiceClient().GetTableClient(AzuriteFixture.NewTableName("conflict"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.False(StorageOutage.IsOutage(error));
    }

    private static StorageAccountConnection Connection(string connectionString) => StorageAccountConnection.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>("AzureWebJobsStorage", connectionString)]).Build());
}
