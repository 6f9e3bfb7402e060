using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Tables;

[Collection("azurite")]
public sealed class TableClientQueryTests(AzuriteFixture azurite)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task FillAsync(TableClient table, string partition, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            await table.SubmitTransactionAsync(Enumerable.Range(start, Math.Min(100, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"{i:D5}") { ["I"] = i, ["Even"] = i % 2 == 0 })));
        }
    }

    [Fact]
    public async Task QueryAsync_1500Rows_ReadsAllThroughContinuationInOrder()
    {
        var table = await NewTableAsync();
        await FillAsync(table, "p", 1500);

        var pages = 0;
        var rows = new List<int>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter: "PartitionKey eq 'p'").AsPages())
        {
            pages++;
            Assert.InRange(page.Values.Count, 1, 1000);
            if (page.ContinuationToken is not null)
            {
                Assert.Contains(' ', page.ContinuationToken);
            }

            rows.AddRange(page.Values.Select(e => e.GetInt32("I")!.Value));
        }

        Assert.True(pages >= 2, $"expected continuation paging, got {pages} page(s)");
        Assert.Equal(Enumerable.Range(0, 1500), rows);
    }

    [Fact]
    public async Task QueryAsync_MaxPerPage_PagesOfThatSizeResumableFromToken()
    {
        var table = await NewTableAsync();
        await FillAsync(table, "p", 25);
        var pageable = table.QueryAsync<TableEntity>(maxPerPage: 10);
        string? token = null;
        await foreach (var page in pageable.AsPages())
        {
            Assert.Equal(10, page.Values.Count);
            token = page.ContinuationToken;
            break;
        }

        Assert.NotNull(token);
        var rest = new List<string>();
        await foreach (var page in pageable.AsPages(token))
        {
            rest.AddRange(page.Values.Select(e => e.RowKey));
        }

        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"{i:D5}"), rest);
    }

    [Fact]
    public async Task QueryAsync_FilterAndSelect_ReturnsMatchingRowsWithChosenProperties()
    {
        var table = await NewTableAsync();
        await FillAsync(table, "p", 20);
        var found = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and I ge {15} and Even eq {true}"), select: ["I"]))
        {
            found.Add(entity);
        }

        Assert.Equal([16, 18], found.Select(e => e.GetInt32("I")!.Value));
        Assert.All(found, e => Assert.False(e.ContainsKey("Even")));
    }

    [Fact]
    public async Task QueryAsync_TypedFilterValues_MatchStoredTypes()
    {
        var table = await NewTableAsync();
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2008, 6, 30, 17, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "hit") { ["Id"] = id, ["When"] = when, ["Big"] = 5_000_000_000L, ["Name"] = "O'Neil" });
        await table.AddEntityAsync(new TableEntity("p", "miss") { ["Id"] = Guid.NewGuid(), ["When"] = when.AddDays(1), ["Big"] = 1L, ["Name"] = "Other" });

        async Task<string[]> Match(FormattableString filter)
        {
            var keys = new List<string>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(filter)))
            {
                keys.Add(e.RowKey);
            }

            return [.. keys];
        }

        Assert.Equal(["hit"], await Match($"Id eq {id}"));
        Assert.Equal(["hit"], await Match($"When eq {when}"));
        Assert.Equal(["hit"], await Match($"Big gt {1_000_000_000L}"));
        Assert.Equal(["hit"], await Match($"Name eq {"O'Neil"}"));
    }

    [Fact]
    public void CreateQueryFilter_Values_AreEscapedLiterals()
    {
        var filter = TableClient.CreateQueryFilter($"A eq {"it's"} and B eq {5L} and C eq {1.0} and D eq {new Guid("00000000-0000-0000-0000-000000000001")} and E eq {new byte[] { 1, 255 }}");
        Assert.Equal("A eq 'it''s' and B eq 5L and C eq 1.0 and D eq guid'00000000-0000-0000-0000-000000000001' and E eq X'01ff'", filter);
    }

    [Fact]
    public void QueryAsync_PageSizeOver1000_Throws()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName());
        Assert.Throws<ArgumentOutOfRangeException>(() => table.QueryAsync<TableEntity>(maxPerPage: 1001));
    }
}
