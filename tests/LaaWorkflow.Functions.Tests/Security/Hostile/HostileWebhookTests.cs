using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// The two SendGrid webhooks under attack: missing and wrong secrets and signatures, malformed, truncated and
/// oversized multipart and JSON. Each gets a clear 4xx and nothing changes.
/// </summary>
[Collection("azurite-hostile-answers")]
public sealed class HostileWebhookTests(AzuriteFixture azurite, HostileHost shared) : IClassFixture<HostileHost>, IDisposable
{
    private const string Inbound = "/api/email/inbound";
    private const string Events = "/api/email/events";
    private const long MaxInboundBytes = 64 * 1024;
    private static readonly ECDsa s_signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static TheoryData<string> InboundCases() => new()
    {
        "no-secret", "wrong-secret-header", "wrong-secret-query", "json-not-multipart", "multipart-without-boundary",
        "multipart-truncated", "multipart-garbage", "too-many-parts", "oversized", "oversized-chunked",
    };

    [Theory]
    [MemberData(nameof(InboundCases))]
    public async Task Inbound_HostilePost_IsRefusedWith4xxAndChangesNothing(string name)
    {
        var host = await StartAsync();
        var before = await StateSnapshot.SettledAsync(host.Admin);
        var (path, content, status, says) = InboundCase(name, host);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (name == "wrong-secret-header")
        {
            request.Headers.Add("x-inbound-secret", "guessed");
        }
        using var response = await host.Anonymous.SendAsync(request);

        await HostileAssert.ProblemAsync(response, status, says);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    [Fact]
    public async Task Inbound_ReplyToAForgedAddress_IsDroppedWithoutAnswerOrMail()
    {
        // Inbound Parse retries anything but a 2xx, so a forged reply is acknowledged and dropped: no answer, no mail back.
        var host = await StartAsync();
        var before = await StateSnapshot.SettledAsync(host.Admin);

        using var response = await host.Anonymous.PostAsync(new Uri(Inbound + "?secret=" + HostileHost.InboundSecret, UriKind.Relative),
            Multipart(("to", "reply+aaaabbbbccccddddeeee@inbound.localhost.example"), ("from", "Attacker <a@attacker.example>"), ("text", "ENDORSE")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    [Theory]
    [InlineData(32 * 1024, HttpStatusCode.OK)]
    [InlineData(100 * 1024, HttpStatusCode.RequestEntityTooLarge)]
    public async Task Inbound_BodyOverTheHostLimit_IsJudgedByTheInboundLimit(int size, HttpStatusCode expected)
    {
        // Mail with attachments outgrows the API's body limit; the webhook has its own, Email:MaxInboundBytes.
        await using var host = new HostFactory(azurite, new Dictionary<string, string?>
        {
            ["Host:MaxRequestBodyBytes"] = "16384",
            ["Email:MaxInboundBytes"] = "65536",
            ["Email:InboundSecret"] = HostileHost.InboundSecret,
            ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("hin"),
        });
        using var client = host.CreateClient();

        using var response = await client.PostAsync(new Uri(Inbound + "?secret=" + HostileHost.InboundSecret, UriKind.Relative),
            Multipart(("to", "reply+aaaabbbb@inbound.localhost.example"), ("text", "ENDORSE"), ("attachment-info", new string('a', size))));

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string> EventCases() => new()
    {
        "unsigned", "wrong-signature", "signature-not-base64", "stale-timestamp", "signed-malformed-json",
        "signed-truncated-json", "signed-object-not-array", "signed-deep-nesting", "oversized",
    };

    [Theory]
    [MemberData(nameof(EventCases))]
    public async Task Events_HostilePost_IsRefusedWith4xxAndChangesNothing(string name)
    {
        var host = await StartAsync();
        var before = await StateSnapshot.SettledAsync(host.Admin);
        var now = host.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (body, status, says) = name switch
        {
            "signed-malformed-json" => ("[{\"event\": \"bounce\",", HttpStatusCode.BadRequest, "JSON"),
            "signed-truncated-json" => (Bounce(host)[..40], HttpStatusCode.BadRequest, "JSON"),
            "signed-object-not-array" => ("{\"event\":\"bounce\"}", HttpStatusCode.BadRequest, "array"),
            "signed-deep-nesting" => (new string('[', 5000) + new string(']', 5000), HttpStatusCode.BadRequest, "JSON"),
            "oversized" => ("[" + string.Join(',', Enumerable.Repeat(Bounce(host)[1..^1], 400)) + "]", HttpStatusCode.RequestEntityTooLarge, "too large"),
            "unsigned" => (Bounce(host), HttpStatusCode.Unauthorized, "missing"),
            "signature-not-base64" => (Bounce(host), HttpStatusCode.Unauthorized, "base64"),
            "stale-timestamp" => (Bounce(host), HttpStatusCode.Unauthorized, "timestamp"),
            _ => (Bounce(host), HttpStatusCode.Unauthorized, "signature"),
        };
        var stamp = (name == "stale-timestamp" ? now.AddHours(-2) : now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Events, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (name != "unsigned")
        {
            var signature = name switch
            {
                "wrong-signature" => Sign(stamp, body + " "),
                "signature-not-base64" => "not base64!",
                _ => Sign(stamp, body),
            };
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", stamp);
        }
        using var response = await host.Anonymous.SendAsync(request);

        await HostileAssert.ProblemAsync(response, status, says);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    /// <summary>A bounce of the seeded partner's invitation: what a forger would post to mark the partner unreachable.</summary>
    private static string Bounce(HostileHost host) =>
        $$"""[{"email":"p@police.example","event":"bounce","sg_event_id":"ev-{{Guid.NewGuid():N}}","laa_negotiation_id":"{{host.Seeded["id"]}}","laa_partner_id":"{{host.Seeded["partner"]}}","laa_kind":"PartnerInvitation","reason":"550 no such user","padding":"{{new string('p', 150)}}"}]""";

    private static string Sign(string stamp, string body) =>
        Convert.ToBase64String(s_signer.SignData(Encoding.UTF8.GetBytes(stamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private static (string Path, HttpContent Content, HttpStatusCode Status, string Says) InboundCase(string name, HostileHost host)
    {
        var withSecret = Inbound + "?secret=" + HostileHost.InboundSecret;
        var reply = Multipart(("to", "reply+x@inbound.localhost.example"), ("text", "ENDORSE"));
        return name switch
        {
            "no-secret" => (Inbound, reply, HttpStatusCode.Unauthorized, "secret"),
            "wrong-secret-header" => (Inbound, reply, HttpStatusCode.Unauthorized, "secret"),
            "wrong-secret-query" => (Inbound + "?secret=guessed", reply, HttpStatusCode.Unauthorized, "secret"),
            "json-not-multipart" => (withSecret, new StringContent("""{"text":"ENDORSE"}""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "multipart"),
            "multipart-without-boundary" => (withSecret, Raw("--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nENDORSE\r\n--x--\r\n", "multipart/form-data"), HttpStatusCode.BadRequest, "multipart"),
            "multipart-truncated" => (withSecret, Raw("--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nENDO", "multipart/form-data; boundary=x"), HttpStatusCode.BadRequest, "multipart"),
            "multipart-garbage" => (withSecret, Raw("\u0000\u0001garbage\r\n\r\n--y--", "multipart/form-data; boundary=x"), HttpStatusCode.BadRequest, "multipart"),
            // More parts than the form reader allows (1024), small enough to pass the size limit.
            "too-many-parts" => (withSecret, Raw(string.Concat(Enumerable.Repeat("--x\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n", 1100)) + "--x--\r\n", "multipart/form-data; boundary=x"), HttpStatusCode.BadRequest, "multipart"),
            "oversized" => (withSecret, Multipart(("to", "reply+x@inbound.localhost.example"), ("text", new string('t', (int)MaxInboundBytes * 2))), HttpStatusCode.RequestEntityTooLarge, "too large"),
            "oversized-chunked" => (withSecret, Chunked(Multipart(("text", new string('t', (int)MaxInboundBytes * 2)))), HttpStatusCode.RequestEntityTooLarge, "large"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static StreamContent Chunked(HttpContent inner)
    {
        var bytes = inner.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = inner.Headers.ContentType;
        inner.Dispose();
        return content;
    }

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private Task<HostileHost> StartAsync() => shared.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Email:MaxInboundBytes"] = MaxInboundBytes.ToString(CultureInfo.InvariantCulture),
        ["Email:EventWebhookPublicKey"] = Convert.ToBase64String(s_signer.ExportSubjectPublicKeyInfo()),
    }, async host =>
    {
        var request = DemoNegotiations.For("Essex");
        var id = await NegotiationHost.StartConsultingAsync(host.Admin, request);
        await NegotiationHost.InvitationLinkAsync(host.Admin, request.Partners![0]!.Contact!.Email!);
        host.Seeded["id"] = id;
        host.Seeded["partner"] = request.Partners[0]!.Id!;
    });

    public void Dispose()
    {
        // The signer is shared by every case of the class and lives as long as the test process.
    }
}
