using Azure;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

[Collection("azurite")]
public sealed class TableClientTransactionTests(AzuriteFixture azurite)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<List<TableEntity>> AllAsync(TableClient table)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            all.Add(entity);
        }

        return all;
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredAdds_WritesAllWithETags()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i:D3}") { ["I"] = i }))
            .ToList();
        var response = await table.SubmitTransactionAsync(actions);
        Assert.Equal(100, response.Value.Count);
        Assert.All(response.Value, r => Assert.Equal(204, r.Status));
        Assert.All(response.Value, r => Assert.NotNull(r.Headers.ETag));
        Assert.Equal(100, (await AllAsync(table)).Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneFailingAction_WritesNothingAndNamesIt()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken") { ["V"] = "before" });
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["V"] = "changed" }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "c")),
        };
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(2, error.FailedTransactionActionIndex);

        var all = await AllAsync(table);
        Assert.Single(all);
        Assert.Equal("before", all[0].GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETagUpdate_Fails412AndWritesNothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });
        stale["V"] = 3;
        var actions = new[]
        {
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, stale, stale.ETag),
        };
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_AppliesEach()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var current = (await table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        current["A"] = 2;
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, current, current.ETag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["A"] = 2 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        Assert.Equal(2, merged.GetInt32("A"));
        Assert.Equal(1, merged.GetInt32("B"));
        Assert.False((await table.GetEntityAsync<TableEntity>("p", "replace")).Value.ContainsKey("B"));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "delete")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_101Actions_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Empty(await AllAsync(table));
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_ThrowsNamingThem()
    {
        var table = await NewTableAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ]));
        Assert.Contains("p2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameRowTwice_ThrowsNamingBothActions()
    {
        var table = await NewTableAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
        ]));
        Assert.Contains("actions 0 and 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await AllAsync(table));
    }
}
