using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// Random, truncated, tampered, forged, expired, replayed and other partners' or rounds' tokens, and malformed answer
/// forms, on GET and POST /api/respond/{token}: each gets a clear HTML error page and nothing changes.
/// </summary>
[Collection("azurite-hostile-answers")]
public sealed class HostileAnswerTests(AzuriteFixture azurite, HostileHost shared) : IClassFixture<HostileHost>
{
    public static TheoryData<string, string> TokenCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "GET", "POST" })
        {
            foreach (var name in new[] { "random", "truncated", "tampered", "other-partners-id-kept-signature", "signed-with-another-key", "expired", "unknown-negotiation", "earlier-round", "later-round", "control-characters", "very-long" })
            {
                data.Add(method, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public async Task Respond_HostileToken_GetsAnErrorPageAndChangesNothing(string method, string name)
    {
        var host = await StartAsync();
        var (token, status, says) = Hostile(host, name);
        var before = await StateSnapshot.SettledAsync(host.Admin);

        using var response = await SendAsync(host, method, token, Form("endorse", "Hostile token"));

        await HostileAssert.PageAsync(response, status, says);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    public static TheoryData<string> FormCases() => new()
    {
        "json-instead-of-form",
        "multipart-without-boundary",
        "multipart-truncated",
        "no-decision",
        "unknown-decision",
        "objection-without-reason",
        "comment-too-long",
        "too-many-fields",
        "huge-body",
    };

    [Theory]
    [MemberData(nameof(FormCases))]
    public async Task Respond_HostileForm_IsRefusedAndChangesNothing(string name)
    {
        var host = await StartAsync();
        var token = host.Seeded["token-b"];
        var before = await StateSnapshot.SettledAsync(host.Admin);

        using var response = await SendAsync(host, "POST", token, HostileForm(name));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(name == "huge-body" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, response.StatusCode);
        if (name != "huge-body")
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Nothing has been recorded", body.Contains("<form", StringComparison.Ordinal) ? "Nothing has been recorded" : body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    [Theory]
    [InlineData("same-answer-again", "endorse", "Endorsed in the seed.")]
    [InlineData("different-answer", "object", "Changed my mind")]
    public async Task Respond_ReplayedToken_ShowsTheFirstAnswerAndChangesNothing(string name, string decision, string comment)
    {
        var host = await StartAsync();
        var before = await StateSnapshot.SettledAsync(host.Admin);

        using var post = await SendAsync(host, "POST", host.Seeded["token-a"], Form(decision, comment));
        using var get = await SendAsync(host, "GET", host.Seeded["token-a"], null);

        var page = await post.Content.ReadAsStringAsync();
        Assert.True(post.StatusCode == (name == "different-answer" ? HttpStatusCode.Conflict : HttpStatusCode.OK), $"{(int)post.StatusCode}: {page}");
        Assert.Contains(name == "different-answer" ? "already recorded" : "recorded", page, StringComparison.Ordinal);
        Assert.Contains("Endorsed in the seed.", page, StringComparison.Ordinal);
        Assert.Contains("already recorded", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    private static (string Token, HttpStatusCode Status, string Says) Hostile(HostileHost host, string name)
    {
        var genuine = host.Seeded["token-b"];
        var tokens = host.Factory.Services.GetRequiredService<AnswerTokenService>();
        var content = tokens.Verify(genuine).Token!;
        var now = host.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return name switch
        {
            "random" => (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(40)), HttpStatusCode.BadRequest, "cannot be used"),
            "truncated" => (genuine[..^7], HttpStatusCode.BadRequest, "cannot be used"),
            "tampered" => (TokenForgery.Tampered(genuine), HttpStatusCode.BadRequest, "cannot be used"),
            "other-partners-id-kept-signature" => (TokenForgery.WithPartner(genuine, host.Seeded["partner-c"]), HttpStatusCode.BadRequest, "altered"),
            "signed-with-another-key" => (Foreign().Issue(content with { PartnerId = host.Seeded["partner-c"] }), HttpStatusCode.BadRequest, "altered"),
            "expired" => (tokens.Issue(content with { ExpiresAt = now.AddMinutes(-1) }), HttpStatusCode.Gone, "expired"),
            "unknown-negotiation" => (tokens.Issue(content with { NegotiationId = "nowhere-0123456789ab" }), HttpStatusCode.NotFound, "could not find"),
            "earlier-round" => (tokens.Issue(content with { Round = content.Round - 1 }), HttpStatusCode.Gone, "newer consultation round"),
            "later-round" => (tokens.Issue(content with { Round = content.Round + 1 }), HttpStatusCode.Gone, "not open"),
            "control-characters" => ("%0d%0a" + genuine, HttpStatusCode.BadRequest, "cannot be used"),
            "very-long" => (new string('a', 5000), HttpStatusCode.BadRequest, "cannot be used"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>A token service with the same key id as the host's but a key of its own: what a forger could sign.</summary>
    private static AnswerTokenService Foreign() => new(Options.Create(new EmailOptions
    {
        Tokens = new AnswerTokenOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } },
    }), TimeProvider.System);

    private static HttpContent Form(string decision, string comment) =>
        new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });

    private static HttpContent HostileForm(string name)
    {
        switch (name)
        {
            case "json-instead-of-form":
                return new StringContent("""{"decision":"endorse"}""", Encoding.UTF8, "application/json");
            case "multipart-without-boundary":
                var noBoundary = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"decision\"\r\n\r\nendorse\r\n--x--\r\n"u8.ToArray());
                noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return noBoundary;
            case "multipart-truncated":
                var truncated = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"decision\"\r\n\r\nendo"u8.ToArray());
                truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
                return truncated;
            case "no-decision":
                return new FormUrlEncodedContent(new Dictionary<string, string> { ["comment"] = "No choice made" });
            case "unknown-decision":
                return Form("approve-everything", "");
            case "objection-without-reason":
                return Form("object", "   ");
            case "comment-too-long":
                return Form("request-changes", new string('c', AnswerFormLimit + 1));
            case "too-many-fields":
                return new FormUrlEncodedContent(Enumerable.Range(0, 5000).Select(i => KeyValuePair.Create($"f{i}", "x")).Append(KeyValuePair.Create("decision", "endorse")));
            case "huge-body":
                return Form("endorse", new string('h', 400_000));
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private const int AnswerFormLimit = 4000;

    private static async Task<HttpResponseMessage> SendAsync(HostileHost host, string method, string token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("/api/respond/" + token, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = content;
        }
        return await host.Anonymous.SendAsync(request);
    }

    private Task<HostileHost> StartAsync() => shared.StartAsync(azurite, seed: async host =>
    {
        // A negotiation in consultation: partner a has answered (for the replays), b and c have not.
        var request = DemoNegotiations.For("Stockton");
        var id = await NegotiationHost.StartConsultingAsync(host.Admin, request);
        host.Seeded["id"] = id;
        host.Seeded["partner-c"] = request.Partners![2]!.Id!;
        host.Seeded["token-a"] = TokenOf(await NegotiationHost.InvitationLinkAsync(host.Admin, request.Partners[0]!.Contact!.Email!));
        host.Seeded["token-b"] = TokenOf(await NegotiationHost.InvitationLinkAsync(host.Admin, request.Partners[1]!.Contact!.Email!));
        await NegotiationHost.InvitationLinkAsync(host.Admin, request.Partners[2]!.Contact!.Email!);
        using var answer = await host.Anonymous.PostAsync(new Uri("/api/respond/" + host.Seeded["token-a"], UriKind.Relative), Form("endorse", "Endorsed in the seed."));
        answer.EnsureSuccessStatusCode();
        var partnerA = request.Partners[0]!.Id!;
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(host.Admin, id, partnerA) == "endorsed");
    });

    private static string TokenOf(Uri link) => link.AbsolutePath[(link.AbsolutePath.LastIndexOf('/') + 1)..];
}
