using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Email.Tests.Support;

namespace LaaWorkflow.Email.Tests.Events;

public sealed class EventWebhookTests : IAsyncLifetime, IDisposable
{
    private readonly ECDsa _signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private EmailTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EmailTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Email:EventWebhookPublicKey"] = Convert.ToBase64String(_signer.ExportSubjectPublicKeyInfo()),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task Events_ValidSignatureWithBounce_FlagsThePartner()
    {
        using var response = await PostAsync(Batch(Bounce("evt-1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Assert.Single(_host.Problems.Reports);
        Assert.Equal(Samples.NegotiationId, report.NegotiationId);
        Assert.Equal(Samples.PartnerId, report.PartnerId);
        Assert.Equal("p@police.example", report.Email);
        Assert.Contains("550 5.1.1 The email account that you tried to reach does not exist", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_Dropped_FlagsThePartner()
    {
        using var response = await PostAsync(Batch("""{"email":"p@police.example","timestamp":1205139600,"event":"dropped","reason":"Bounced Address","sg_event_id":"evt-drop","sg_message_id":"m1","negotiationId":"neg-sunderland-2008","partnerId":"northumbria-police","kind":"PartnerReminder"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bounced Address", Assert.Single(_host.Problems.Reports).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_AlteredBody_Answers401AndFlagsNothing()
    {
        var body = Batch(Bounce("evt-1"));
        var (signature, timestamp) = Sign(body);

        using var response = await PostAsync(body.Replace("northumbria-police", "another-partner", StringComparison.Ordinal), signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Problems.Reports);
    }

    [Fact]
    public async Task Events_AlteredTimestamp_Answers401()
    {
        var body = Batch(Bounce("evt-1"));
        var (signature, _) = Sign(body);
        var otherTimestamp = _host.Time.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(body, signature, otherTimestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Problems.Reports);
    }

    [Fact]
    public async Task Events_SignedByAnotherKey_Answers401()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = Batch(Bounce("evt-1"));
        var timestamp = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(other.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        using var response = await PostAsync(body, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Events_MissingSignature_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/email/events", UriKind.Relative)) { Content = new StringContent(Batch(Bounce("evt-1")), Encoding.UTF8, "application/json") };

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Problems.Reports);
    }

    [Fact]
    public async Task Events_StaleTimestamp_Answers401AgainstReplay()
    {
        var body = Batch(Bounce("evt-1"));
        var (signature, timestamp) = Sign(body);
        _host.Time.Advance(TimeSpan.FromHours(1));

        using var response = await PostAsync(body, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Events_DuplicateEvent_IsIgnored()
    {
        using var first = await PostAsync(Batch(Bounce("evt-1")));
        using var second = await PostAsync(Batch(Bounce("evt-1"), Bounce("evt-1")));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_host.Problems.Reports);
    }

    [Fact]
    public async Task Events_SinkFails_AnswersErrorAndReportsOnSendGridsRetry()
    {
        _host.Problems.Failing = true;
        using var failed = await PostAsync(Batch(Bounce("evt-1")));
        _host.Problems.Failing = false;

        using var retried = await PostAsync(Batch(Bounce("evt-1")));

        Assert.False(failed.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(_host.Problems.Reports);
    }

    [Fact]
    public async Task Events_DeliveredAndLeadDigestBounce_FlagNothing()
    {
        var delivered = """{"email":"p@police.example","timestamp":1205139600,"event":"delivered","sg_event_id":"evt-d","negotiationId":"neg-sunderland-2008","partnerId":"northumbria-police","kind":"PartnerInvitation"}""";
        var digestBounce = """{"email":"lead@sunderland.example","timestamp":1205139600,"event":"bounce","reason":"mailbox full","sg_event_id":"evt-l","negotiationId":"neg-sunderland-2008","kind":"LeadDigest"}""";

        using var response = await PostAsync(Batch(delivered, digestBounce));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Problems.Reports);
    }

    private static string Bounce(string eventId) =>
        $$"""{"email":"p@police.example","timestamp":1205139600,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"bounce","type":"bounce","bounce_classification":"Invalid Address","category":["PartnerInvitation"],"sg_event_id":"{{eventId}}","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","reason":"550 5.1.1 The email account that you tried to reach does not exist.","status":"5.1.1","tls":1,"negotiationId":"neg-sunderland-2008","partnerId":"northumbria-police","kind":"PartnerInvitation","messageKey":"neg-sunderland-2008:invite:northumbria-police:1"}""";

    private static string Batch(params string[] events) => "[" + string.Join(",", events) + "]";

    private (string Signature, string Timestamp) Sign(string body)
    {
        var timestamp = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = _signer.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }

    private Task<HttpResponseMessage> PostAsync(string body)
    {
        var (signature, timestamp) = Sign(body);
        return PostAsync(body, signature, timestamp);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string signature, string timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/email/events", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return await _host.Client.SendAsync(request);
    }
}
