using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Transports.Outbox;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Email.Tests.Storage;

/// <summary>
/// What the stores rely on from Table storage through the official client, on a private Azurite: ETag checks refuse
/// a stale writer, an entity group transaction is all or nothing, and a query follows continuation past a page.
/// </summary>
[Collection("azurite")]
public sealed class TableStoreGuaranteesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UpdateEntity_StaleETag_IsRefusedWith412AndKeepsTheNewerWrite()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "Sending" });
        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        var newer = read.ETag;
        newer = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["State"] = "Sent" }, newer, TableUpdateMode.Replace)).Headers.ETag!.Value;

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "r") { ["State"] = "Failed" }, read.ETag, TableUpdateMode.Merge));

        Assert.Equal(412, stale.Status);
        var stored = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal("Sent", stored.GetString("State"));
        Assert.Equal(newer, stored.ETag);
    }

    [Fact]
    public async Task OutboxTryAdd_ChunkRowAlreadyThere_StoresNothingOfTheMessage()
    {
        var table = new LazyTable(NewTable());
        var client = await table.GetAsync(CancellationToken.None);
        var message = Message("k-clash", Samples.Now) with { Html = new string('x', TableOutboxStore.ChunkLength * 2) };
        // A row squatting on the second html chunk's key makes the transaction's last insert fail.
        var partition = TableNames.Hash(message.Id);
        await client.AddEntityAsync(new TableEntity(partition, "html-001") { ["Value"] = "squatter" });

        var added = await new TableOutboxStore(table).TryAddAsync(message, CancellationToken.None);

        Assert.False(added);
        var rows = await RowsAsync(client, partition);
        Assert.Equal("html-001", Assert.Single(rows).RowKey);
        Assert.Empty(await new TableOutboxStore(table).ReadAsync(null, 10, null, CancellationToken.None));
    }

    [Fact]
    public async Task SubmitTransaction_OneInsertConflicts_FailsWithTheActionIndexAndLeavesNothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r-2"));
        List<TableTransactionAction> actions = [.. Enumerable.Range(0, 5).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r-{i}")))];

        var failed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal(409, failed.Status);
        Assert.Equal(2, failed.FailedTransactionActionIndex);
        Assert.Equal(["r-2"], (await RowsAsync(table, "p")).Select(r => r.RowKey));
    }

    [Fact]
    public async Task OutboxRead_MoreThanOnePageOfMessages_ReadsThemAll()
    {
        // The service answers at most 1,000 entities per page; the store must follow the continuation.
        const int Count = 1_050;
        var table = new LazyTable(NewTable());
        var store = new TableOutboxStore(table);
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            Assert.True(await store.TryAddAsync(Message($"k-{i:D4}", Samples.Now.AddSeconds(i)), ct)));

        var read = await store.ReadAsync(null, 2_000, null, CancellationToken.None);

        Assert.Equal(Count, read.Count);
        Assert.Equal("k-1049", read[0].Id);
        Assert.Equal("k-0000", read[^1].Id);
    }

    private static OutboxMessage Message(string id, DateTimeOffset sentAt) =>
        new(id, "p@police.example", $"Subject {id}", $"Text {id}", $"<p>Html {id}</p>", sentAt, "PartnerInvitation", Samples.NegotiationId, Samples.PartnerId, null);

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    private TableClient NewTable() => new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTableName("guarantee"));

    private async Task<TableClient> NewTableAsync()
    {
        var table = NewTable();
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
