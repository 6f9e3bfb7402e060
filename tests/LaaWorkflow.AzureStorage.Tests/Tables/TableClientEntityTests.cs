using Azure;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

[Collection("azurite")]
public sealed class TableClientEntityTests(AzuriteFixture azurite)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_SucceedsBothTimes()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName());
        var first = await table.CreateIfNotExistsAsync();
        var second = await table.CreateIfNotExistsAsync();
        Assert.Equal(table.Name, first.Value.Name);
        Assert.Equal(409, second.GetRawResponse().Status);
    }

    [Fact]
    public async Task DeleteAsync_ExistingTable_RemovesItsEntities()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.DeleteAsync();
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task AddEntityAsync_ExistingKeys_Fails409AndKeepsTheFirst()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "first" });
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "second" }));
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Name"));
    }

    [Fact]
    public async Task GetEntityAsync_EveryPropertyType_RoundTripsExactly()
    {
        var table = await NewTableAsync();
        var written = new TableTestEntity
        {
            PartitionKey = "types",
            RowKey = "all",
            Text = "Sunderland's \"LAA\" – ünïcode ✓",
            Count = int.MinValue,
            Big = long.MaxValue,
            Ratio = 2.0,
            Flag = true,
            When = new DateTime(2008, 6, 30, 17, 0, 0, DateTimeKind.Utc).AddTicks(1234567),
            WhenOffset = new DateTimeOffset(2008, 4, 14, 17, 0, 0, TimeSpan.Zero).AddTicks(7),
            Id = Guid.NewGuid(),
            Bytes = [0, 1, 2, 254, 255],
            Phase = Phase.Consultation,
            Ignored = "changed",
        };
        await table.AddEntityAsync(written);

        var read = (await table.GetEntityAsync<TableTestEntity>("types", "all")).Value;
        Assert.Equal(written.Text, read.Text);
        Assert.Equal(written.Count, read.Count);
        Assert.Equal(written.Big, read.Big);
        Assert.Equal(written.Ratio, read.Ratio);
        Assert.Equal(written.Flag, read.Flag);
        Assert.Equal(written.When, read.When);
        Assert.Equal(DateTimeKind.Utc, read.When.Kind);
        Assert.Equal(written.WhenOffset, read.WhenOffset);
        Assert.Equal(written.Id, read.Id);
        Assert.Equal(written.Bytes, read.Bytes);
        Assert.Equal(Phase.Consultation, read.Phase);
        Assert.Equal("not stored", read.Ignored);
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);

        var dynamic = (await table.GetEntityAsync<TableEntity>("types", "all")).Value;
        Assert.Equal(int.MinValue, dynamic.GetInt32("Count"));
        Assert.Equal(long.MaxValue, dynamic.GetInt64("Big"));
        Assert.Equal(2.0, dynamic.GetDouble("Ratio"));
        Assert.IsType<double>(dynamic["Ratio"]);
        Assert.True(dynamic.GetBoolean("Flag"));
        Assert.Equal(written.When, dynamic.GetDateTimeOffset("When")!.Value.UtcDateTime);
        Assert.Equal(written.Id, dynamic.GetGuid("Id"));
        Assert.Equal(written.Bytes, dynamic.GetBinary("Bytes"));
        Assert.Equal("Consultation", dynamic.GetString("Phase"));
        Assert.False(dynamic.ContainsKey("Ignored"));
    }

    [Fact]
    public async Task GetEntityAsync_KeysWithQuotesAndSpaces_Found()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("O'Brien & co", "row 1 + 'x' %20 ü") { ["V"] = 1 };
        await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey);
        Assert.Equal(entity.RowKey, read.Value.RowKey);
        await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey)).HasValue);
    }

    [Fact]
    public async Task AddEntityAsync_KeyWithSlash_ThrowsNamingTheKey()
    {
        var table = await NewTableAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));
        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Fails412AndChangesNothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "original" });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        var fresh = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        fresh["State"] = "first writer";
        var update = await table.UpdateEntityAsync(fresh, fresh.ETag, TableUpdateMode.Replace);
        Assert.NotEqual(stale.ETag, update.Headers.ETag);

        stale["State"] = "second writer";
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(stale, stale.ETag, TableUpdateMode.Merge));
        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal("first writer", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("State"));
    }

    [Fact]
    public async Task UpdateEntityAsync_CurrentETag_Succeeds()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "a" });
        var current = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        current["State"] = "b";
        await table.UpdateEntityAsync(current, current.ETag);
        Assert.Equal("b", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("State"));
    }

    [Fact]
    public async Task UpsertEntityAsync_Merge_KeepsOtherPropertiesAndReplaceDropsThem()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 10 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(10, merged.GetInt32("A"));
        Assert.Equal(2, merged.GetInt32("B"));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 100 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(100, replaced.GetInt32("A"));
        Assert.False(replaced.ContainsKey("B"));
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Fails412AndKeepsEntity()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale.ETag));
        Assert.Equal(412, error.Status);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task DeleteEntityAsync_Missing_IsNotAnError()
    {
        var table = await NewTableAsync();
        var response = await table.DeleteEntityAsync("p", "nothing");
        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task GetEntityAsync_WithSelect_ReturnsOnlyThoseProperties()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "two" });
        var read = (await table.GetEntityAsync<TableEntity>("p", "r", ["B"])).Value;
        Assert.Equal("two", read.GetString("B"));
        Assert.False(read.ContainsKey("A"));
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Missing_HasNoValue()
    {
        var table = await NewTableAsync();
        var response = await table.GetEntityIfExistsAsync<TableEntity>("p", "missing");
        Assert.False(response.HasValue);
        Assert.Equal(404, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task GetEntityAsync_TableMissing_Throws404WithErrorCode()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName());
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));
        Assert.Equal(404, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
    }

    [Fact]
    public async Task UpdateEntityAsync_ETagFromWriteResponses_IsAcceptedAndRoundTrips()
    {
        var table = await NewTableAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var afterAdd = added.Headers.ETag!.Value;
        Assert.Equal((await table.GetEntityAsync<TableEntity>("p", "r")).Value.ETag, afterAdd);

        var updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, afterAdd);
        var afterUpdate = updated.Headers.ETag!.Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, afterUpdate, TableUpdateMode.Replace);

        var batch = await table.SubmitTransactionAsync([new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["V"] = 4 }, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.ETag)]);
        await table.DeleteEntityAsync("p", "r", batch.Value[0].Headers.ETag!.Value);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }
}
