using System.Text.Json;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Transports.SendGrid;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Tests.Transports;

/// <summary>
/// The sender on the SendGrid package's client, pointed (<c>SendGridClientOptions.Host</c>) at a stand-in for SendGrid's
/// API on a local Kestrel port: the JSON and headers checked are the ones the package really puts on the wire.
/// </summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private const string ApiKey = "SG.very-secret-api-key";
    private readonly SteppingTimeProvider _time = new(Samples.Now);
    private readonly InMemoryStores _stores = new();
    private readonly CapturingLogger<SendGridEmailSender> _logger = new();
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
    public async Task SendAsync_Message_PostsDocumentedBodyWithBearerKey()
    {
        var result = await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        var to = root.GetProperty("personalizations")[0].GetProperty("to")[0];
        Assert.Equal("p@police.example", to.GetProperty("email").GetString());
        Assert.Equal("P. Contact", to.GetProperty("name").GetString());
        Assert.Equal("laa@sunderland.example", root.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Sunderland LSP", root.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("reply+abc@inbound.example", root.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.Equal("Sunderland Local Area Agreement: please answer", root.GetProperty("subject").GetString());
        var content = root.GetProperty("content");
        Assert.Equal("text/plain", content[0].GetProperty("type").GetString());
        Assert.Equal("Plain body", content[0].GetProperty("value").GetString());
        Assert.Equal("text/html", content[1].GetProperty("type").GetString());
        Assert.Equal("<p>HTML body</p>", content[1].GetProperty("value").GetString());
        Assert.Equal("PartnerInvitation", Assert.Single(root.GetProperty("categories").EnumerateArray()).GetString());
        var args = root.GetProperty("custom_args");
        Assert.Equal(Samples.NegotiationId, args.GetProperty("negotiationId").GetString());
        Assert.Equal(Samples.PartnerId, args.GetProperty("partnerId").GetString());
        Assert.Equal("PartnerInvitation", args.GetProperty("kind").GetString());
        Assert.Equal(Samples.Message().Key, args.GetProperty("messageKey").GetString());
        Assert.Equal(Samples.Message().Key, root.GetProperty("headers").GetProperty("X-LAA-Message-Key").GetString());
    }

    [Fact]
    public async Task SendAsync_MessageWithCopies_PutsThemInTheOnePersonalization()
    {
        var sample = Samples.Message();
        var message = new EmailMessage(sample.Key, sample.Kind, sample.To, sample.Subject, sample.Text, sample.Html, sample.NegotiationId, sample.PartnerId, sample.ReplyTo,
            [new EmailAddress("cc@sunderland.example", "Copy Reader")]);

        await Sender().SendAsync(message, CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        var personalization = Assert.Single(json.RootElement.GetProperty("personalizations").EnumerateArray());
        Assert.Equal("p@police.example", Assert.Single(personalization.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("cc@sunderland.example", Assert.Single(personalization.GetProperty("cc").EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task SendAsync_Accepted_RecordsSendGridMessageIdInTheSentLog()
    {
        await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        var entry = await _stores.GetAsync(Samples.Message().Key, CancellationToken.None);
        Assert.Equal(SentLogState.Sent, entry!.State);
        Assert.Equal("fake-1", entry.MessageId);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsAsToldThenSucceeds()
    {
        _server.Then(429, """{"errors":[{"message":"too many requests"}]}""", ("Retry-After", "7"));

        var result = await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_time.Waits));
    }

    [Fact]
    public async Task SendAsync_429WithRateLimitReset_WaitsUntilReset()
    {
        var reset = Samples.Now.AddSeconds(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server.Then(429, null, ("X-RateLimit-Reset", reset));

        await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(12), Assert.Single(_time.Waits));
    }

    [Fact]
    public async Task SendAsync_500ThenAccepted_RetriesWithBackoff()
    {
        _server.Then(500, """{"errors":[{"message":"internal"}]}""");
        _server.Then(503);

        var result = await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        Assert.Equal(3, _server.Requests.Count);
        // Equal jitter with the random half at 0.5: 1 s then 2 s steps give 0.75 s then 1.5 s.
        Assert.Equal([TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1500)], _time.Waits.ToArray());
    }

    [Fact]
    public async Task SendAsync_ServerKeepsFailing_GivesUpAfterMaxAttempts()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Then(502);
        }

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender(maxAttempts: 3).SendAsync(Samples.Message(), CancellationToken.None));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(502, error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task SendAsync_400_FailsAtOnceWithSendGridErrorText()
    {
        _server.Then(400, """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}""");

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(Samples.Message(), CancellationToken.None));

        Assert.Single(_server.Requests);
        Assert.Empty(_time.Waits);
        Assert.Equal(SentLogState.Failed, (await _stores.GetAsync(Samples.Message().Key, CancellationToken.None))!.State);
        Assert.Equal(400, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("The from address does not match a verified Sender Identity.", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.Contains("does not match a verified Sender Identity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_ReachesServerOnce()
    {
        var sender = Sender();

        var first = await sender.SendAsync(Samples.Message(), CancellationToken.None);
        var second = await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, first);
        Assert.Equal(EmailSendResult.AlreadySent, second);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_KeyLeftInFlightByCrash_SendsAgainOnlyAfterLease()
    {
        var message = Samples.Message();
        await _stores.UpsertAsync(new SentLogEntry(message.Key, SentLogState.Sending, "p@police.example", "PartnerInvitation", Samples.NegotiationId, Samples.PartnerId, Samples.Now, null), CancellationToken.None);

        await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(message, CancellationToken.None));
        Assert.Empty(_server.Requests);

        _time.Advance(SendGridEmailSender.InFlightLease);
        var result = await Sender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        Assert.Single(_server.Requests);
        Assert.Equal(SentLogState.Sent, (await _stores.GetAsync(message.Key, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task SendAsync_RetryAfterRefusal_GoesAheadAtOnce()
    {
        _server.Then(400, """{"errors":[{"message":"bad"}]}""");
        await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(Samples.Message(), CancellationToken.None));

        var result = await Sender().SendAsync(Samples.Message(), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_SubjectWithLineBreaks_SendsOneLineSubject()
    {
        await Sender().SendAsync(Samples.Message(subject: "Hello\r\nBcc: victim@example.com"), CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal("Hello Bcc: victim@example.com", json.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task SendAsync_RetriesAndRefusals_NeverLogTheApiKey()
    {
        _server.Then(429, null, ("Retry-After", "1"));
        _server.Then(500);
        await Sender().SendAsync(Samples.Message("a"), CancellationToken.None);
        _server.Then(401, """{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked"}]}""");
        await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(Samples.Message("b"), CancellationToken.None));

        Assert.NotEmpty(_logger.Lines);
        Assert.DoesNotContain(_logger.Lines, line => line.Contains("very-secret", StringComparison.Ordinal));
    }

    private SendGridEmailSender Sender(int maxAttempts = 5) => new(
        _http,
        Options.Create(new SendGridOptions { ApiKey = ApiKey, BaseUrl = _server.BaseUrl, MaxAttempts = maxAttempts, Timeout = TimeSpan.FromMinutes(10) }),
        Options.Create(Samples.Options()),
        _stores,
        _time,
        _logger,
        () => 0.5);
}
