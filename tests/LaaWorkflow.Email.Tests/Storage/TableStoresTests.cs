using Azure.Data.Tables;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Transports.Outbox;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Email.Tests.Storage;

[Collection("azurite")]
public sealed class TableStoresTests
{
    private readonly AzuriteFixture _azurite;

    public TableStoresTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Outbox_LargeBodies_RoundTripWhole()
    {
        var store = new TableOutboxStore(Table());
        // Past two chunk boundaries, with a surrogate pair straddling the first.
        var html = "<p>" + new string('a', TableOutboxStore.ChunkLength - 4) + "\U0001F600" + new string('b', TableOutboxStore.ChunkLength + 10) + "</p>";
        var message = Message("k-large", "p@police.example", Samples.Now) with { Html = html };

        Assert.True(await store.TryAddAsync(message, CancellationToken.None));
        var read = Assert.Single(await store.ReadAsync(null, 10, null, CancellationToken.None));

        Assert.Equal(message, read);
    }

    [Fact]
    public async Task Outbox_OrdinaryEmail_IsOneRowReadWhole()
    {
        var table = Table();
        var store = new TableOutboxStore(table);
        var message = Message("k-small", "p@police.example", Samples.Now);

        Assert.True(await store.TryAddAsync(message, CancellationToken.None));

        Assert.Single(await RowsAsync(table));
        Assert.Equal(message, Assert.Single(await store.ReadAsync(null, 10, null, CancellationToken.None)));
    }

    [Fact]
    public async Task Outbox_EmailStoredAsChunkRowsByAnEarlierVersion_IsStillReadWhole()
    {
        var table = Table();
        var client = await table.GetAsync(CancellationToken.None);
        var message = Message("k-old", "p@police.example", Samples.Now);
        await client.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("old", "message")
            {
                ["Key"] = message.Id, ["To"] = message.To, ["Subject"] = message.Subject, ["SentAt"] = message.SentAt,
                ["Kind"] = message.Category, ["NegotiationId"] = message.NegotiationId, ["PartnerId"] = message.PartnerId!, ["ReplyTo"] = message.ReplyTo!,
            }),
            new(TableTransactionActionType.Add, new TableEntity("old", "text-000") { ["Value"] = message.Text }),
            new(TableTransactionActionType.Add, new TableEntity("old", "html-000") { ["Value"] = message.Html }),
        ]);

        var read = Assert.Single(await new TableOutboxStore(table).ReadAsync(null, 10, null, CancellationToken.None));

        Assert.Equal(message, read);
    }

    [Fact]
    public async Task Outbox_SameKeyTwice_StoresOnce()
    {
        var store = new TableOutboxStore(Table());

        var first = await store.TryAddAsync(Message("k1", "p@police.example", Samples.Now), CancellationToken.None);
        var second = await store.TryAddAsync(Message("k1", "p@police.example", Samples.Now.AddMinutes(1)) with { Subject = "changed" }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("Subject k1", Assert.Single(await store.ReadAsync(null, 10, null, CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task Outbox_ReadByRecipient_NewestFirstUpToTop()
    {
        var store = new TableOutboxStore(Table());
        await store.TryAddAsync(Message("a", "p@police.example", Samples.Now), CancellationToken.None);
        await store.TryAddAsync(Message("b", "lead@sunderland.example", Samples.Now.AddMinutes(1)), CancellationToken.None);
        await store.TryAddAsync(Message("c", "P@Police.example", Samples.Now.AddMinutes(2)), CancellationToken.None);
        await store.TryAddAsync(Message("d", "p@police.example", Samples.Now.AddMinutes(3)), CancellationToken.None);

        var read = await store.ReadAsync("p@POLICE.example", 2, null, CancellationToken.None);

        Assert.Equal(["d", "c"], read.Select(m => m.Id));
    }

    [Fact]
    public async Task Outbox_ReadSince_ReturnsOnlyMessagesStoredFromThatTime()
    {
        // A rehearsal dates its mail on its calendar, which need not follow the order it was stored in: "old" is
        // dated after "same", yet stored before it.
        var store = new TableOutboxStore(Table());
        await store.TryAddAsync(Message("old", "p@police.example", Samples.Now.AddDays(5)) with { StoredAt = Samples.Now }, CancellationToken.None);
        await store.TryAddAsync(Message("same", "p@police.example", Samples.Now.AddDays(-1)) with { StoredAt = Samples.Now.AddMinutes(1) }, CancellationToken.None);
        await store.TryAddAsync(Message("new", "p@police.example", Samples.Now.AddMinutes(2)) with { StoredAt = Samples.Now.AddMinutes(2) }, CancellationToken.None);

        var read = await store.ReadAsync(null, 10, Samples.Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal(["new", "same"], read.Select(m => m.Id));
    }

    [Fact]
    public async Task SentLog_InsertThenUpsert_KeepsOneEntryPerKey()
    {
        var log = new TableSentLog(Table());
        var sending = new SentLogEntry("neg/1/invite", SentLogState.Sending, "p@police.example", "PartnerInvitation", Samples.NegotiationId, Samples.PartnerId, Samples.Now, null);

        Assert.True(await log.TryInsertAsync(sending, CancellationToken.None));
        Assert.False(await log.TryInsertAsync(sending, CancellationToken.None));
        await log.UpsertAsync(sending with { State = SentLogState.Sent, MessageId = "m-1" }, CancellationToken.None);

        Assert.Equal(sending with { State = SentLogState.Sent, MessageId = "m-1" }, await log.GetAsync(sending.Key, CancellationToken.None));
        Assert.Null(await log.GetAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task Ledger_SecondAnswerForRound_ReturnsFirst()
    {
        var ledger = new TableAnswerLedger(Table());
        var first = new AnswerSubmission("neg/with#odd?chars", Samples.PartnerId, 1, AnswerDecision.Object, "Baseline is wrong", AnswerSource.EmailLink, Samples.Now);
        var second = first with { Decision = AnswerDecision.Endorse, Comment = null, Source = AnswerSource.EmailReply };

        Assert.Equal(first, await ledger.InsertOrGetAsync(first, CancellationToken.None));
        Assert.Equal(first, await ledger.InsertOrGetAsync(second, CancellationToken.None));
        Assert.Equal(first, await ledger.GetAsync(first.NegotiationId, Samples.PartnerId, 1, CancellationToken.None));
        Assert.Null(await ledger.GetAsync(first.NegotiationId, Samples.PartnerId, 2, CancellationToken.None));
    }

    [Fact]
    public async Task Ledger_StorageUnreachable_ThrowsUnavailable()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var dead = new TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};",
            options);
        var ledger = new TableAnswerLedger(new LazyTable(dead.GetTableClient(AzuriteFixture.NewTableName("dead"))));

        await Assert.ThrowsAsync<AnswerLedgerUnavailableException>(() =>
            ledger.InsertOrGetAsync(new AnswerSubmission(Samples.NegotiationId, Samples.PartnerId, 1, AnswerDecision.Endorse, null, AnswerSource.EmailLink, Samples.Now), CancellationToken.None));
    }

    [Fact]
    public async Task EventLog_MarkedEvent_IsHandled()
    {
        var log = new TableWebhookEventLog(Table());

        Assert.False(await log.IsHandledAsync("evt-1", CancellationToken.None));
        await log.MarkHandledAsync("evt-1", Samples.Now, CancellationToken.None);
        await log.MarkHandledAsync("evt-1", Samples.Now, CancellationToken.None);

        Assert.True(await log.IsHandledAsync("evt-1", CancellationToken.None));
        Assert.False(await log.IsHandledAsync("evt-2", CancellationToken.None));
    }

    private static OutboxMessage Message(string id, string to, DateTimeOffset sentAt) =>
        new(id, to.ToLowerInvariant(), $"Subject {id}", $"Text {id}", $"<p>Html {id}</p>", sentAt, "PartnerInvitation", Samples.NegotiationId, Samples.PartnerId, "reply+x@inbound.example.org");

    private static async Task<List<TableEntity>> RowsAsync(LazyTable table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in (await table.GetAsync(CancellationToken.None)).QueryAsync<TableEntity>(cancellationToken: CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private LazyTable Table() => new(new TableServiceClient(_azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTableName("email")));
}
