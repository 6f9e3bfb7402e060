using Azure.Data.Tables;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Transports.SendGrid;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Tests.Transports;

/// <summary>The SendGrid transport with the sent log the app uses (Table storage on a private Azurite).</summary>
[Collection("azurite")]
public sealed class SendGridTableSentLogTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeSendGridServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeSendGridServer.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_SameKeyFromTwoSenders_ReachesSendGridOnceAndLogsSent()
    {
        var log = new TableSentLog(new LazyTable(new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTableName("sent"))));

        var first = await Sender(log).SendAsync(Samples.Message(), CancellationToken.None);
        var second = await Sender(log).SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal((EmailSendResult.Sent, EmailSendResult.AlreadySent), (first, second));
        Assert.Single(_server.Requests);
        var entry = await log.GetAsync(Samples.Message().Key, CancellationToken.None);
        Assert.Equal(SentLogState.Sent, entry!.State);
        Assert.Equal("fake-1", entry.MessageId);
    }

    private SendGridEmailSender Sender(ISentLog log) => new(
        _http,
        Options.Create(new SendGridOptions { ApiKey = "SG.key", BaseUrl = _server.BaseUrl, Timeout = TimeSpan.FromMinutes(10) }),
        Options.Create(Samples.Options()),
        log,
        new SteppingTimeProvider(Samples.Now),
        new CapturingLogger<SendGridEmailSender>());
}
