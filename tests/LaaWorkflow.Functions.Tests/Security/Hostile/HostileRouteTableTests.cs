using System.Net;
using System.Text;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// Every route the host maps, read from its own endpoint table so a route added later is covered too: the admin ones
/// refuse a missing, empty or wrong key (in the header or in the query) with 401; every route that takes a body
/// refuses a huge one with 413 and deeply nested JSON with a 4xx; and nothing changes.
/// </summary>
[Collection("azurite-hostile")]
public sealed class HostileRouteTableTests(AzuriteFixture azurite, HostileHost shared) : IClassFixture<HostileHost>
{
    /// <summary>
    /// The routes that are public by design: partners' and the Government Office's signed-link pages, webhooks with
    /// their own secrets, health, the published document.
    /// </summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "GET /api/health",
        "GET /api/respond/{token}",
        "POST /api/respond/{token}",
        "POST /api/email/inbound",
        "POST /api/email/events",
        "GET /api/negotiations/{id}/document",
        "GET /api/openapi.json",
        "GET /api/negotiations/{id}/government-office/decision",
        "GET /api/negotiations/{id}/government-office/draft",
    };

    /// <summary>
    /// Routes that take either the admin key or a signed link (the Government Office decision, API.md): without a
    /// token they must refuse a bad key like every admin route, so they stay in the bad-key test.
    /// </summary>
    private static readonly HashSet<string> KeyOrSignedLink = new(StringComparer.Ordinal)
    {
        "POST /api/negotiations/{id}/government-office/decision",
    };

    /// <summary>Routes that read the raw body themselves rather than binding a typed one.</summary>
    private static readonly HashSet<string> ReadsItsOwnBody = new(StringComparer.Ordinal)
    {
        "POST /runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{eventName}",
        "POST /runtime/webhooks/durabletask/orchestrators/{functionName}/{instanceId?}",
        "POST /api/respond/{token}",
        "POST /api/email/inbound",
        "POST /api/email/events",
    };

    public static TheoryData<string> KeyCases() => new()
    {
        "no-key",
        "empty-header",
        "wrong-header",
        "wrong-query",
        "wrong-header-right-query",
        "key-differing-in-case",
        "key-with-trailing-space",
        "second-key-truncated",
    };

    [Theory]
    [MemberData(nameof(KeyCases))]
    public async Task EveryAdminRoute_BadKey_Is401AndChangesNothing(string keyCase)
    {
        var host = await StartAsync();
        var routes = AdminRoutes(host);
        var before = await StateSnapshot.SettledAsync(host.Admin);

        var answered = new List<string>();
        foreach (var (method, template) in routes)
        {
            var path = Fill(template, host);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(WithQuery(path, keyCase), UriKind.Relative));
            AddHeader(request, keyCase);
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent("""{"approved":true,"reason":"r","by":"b","to":"2008-01-01T00:00:00Z"}""", Encoding.UTF8, "application/json");
            }
            using var response = await host.Anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                answered.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.True(routes.Count >= 20, $"Only {routes.Count} admin routes found; the endpoint table was not read.");
        Assert.Empty(answered);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    [Fact]
    public async Task EveryRoute_IsEitherPublicByDesignOrRequiresTheAdminPolicy()
    {
        var host = await StartAsync();

        var unprotected = Endpoints(host)
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.Key)
            .Where(key => !Public.Contains(key) && !KeyOrSignedLink.Contains(key))
            .ToList();

        Assert.Empty(unprotected);
    }

    [Theory]
    [InlineData("huge")]
    [InlineData("huge-chunked")]
    [InlineData("deeply-nested")]
    public async Task EveryRouteTakingABody_HostileBody_Is4xxAndChangesNothing(string kind)
    {
        var host = await StartAsync();
        // A declared length is refused before routing, so every route can take the huge body; a body that must be
        // read to be refused goes only to the routes that read one (a terminate with a body still terminates).
        var routes = Endpoints(host)
            .Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            .Where(e => kind == "huge" || e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null || ReadsItsOwnBody.Contains(e.Key))
            .ToList();
        var before = await StateSnapshot.SettledAsync(host.Admin);

        var wrong = new List<string>();
        foreach (var route in routes)
        {
            var path = Fill(route.Template, host).Replace("{token}", "abcdefgh", StringComparison.Ordinal);
            var body = kind == "deeply-nested"
                ? new string('[', 10_000) + new string(']', 10_000)
                : "\"" + new string('x', 400_000) + "\"";
            var hostile = new HostileRequest(route.Method, path, System.Text.Encoding.UTF8.GetBytes(body), "application/json", HttpStatusCode.RequestEntityTooLarge, [], Chunked: kind == "huge-chunked");
            using var request = hostile.ToMessage(host.Seeded);
            using var response = await host.Admin.SendAsync(request);
            var status = (int)response.StatusCode;
            if (kind == "huge" ? response.StatusCode != HttpStatusCode.RequestEntityTooLarge : status is < 400 or >= 500)
            {
                wrong.Add($"{route.Method} {path}: {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(routes.Count >= 10, $"Only {routes.Count} routes take a body; the endpoint table was not read.");
        Assert.Empty(wrong);
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    private static List<(string Method, string Template)> AdminRoutes(HostileHost host) =>
        [.. Endpoints(host).Where(e => !Public.Contains(e.Key)).Select(e => (e.Method, e.Template))];

    private static IEnumerable<(string Key, string Method, string Template, RouteEndpoint Endpoint)> Endpoints(HostileHost host) =>
        host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Key: $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}", Method: method, Template: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), Endpoint: endpoint)))
            .Where(e => !e.Template.Contains("{**", StringComparison.Ordinal));

    private static string Fill(string template, HostileHost host) => template
        .Replace("{id}", host.Seeded["id"], StringComparison.Ordinal)
        .Replace("{instanceId}", host.Seeded["id"], StringComparison.Ordinal)
        .Replace("{instanceId?}", host.Seeded["id"], StringComparison.Ordinal)
        .Replace("{partnerId}", host.Seeded["partner"], StringComparison.Ordinal)
        .Replace("{eventName}", "Anything", StringComparison.Ordinal)
        .Replace("{functionName}", "AgreementOrchestrator", StringComparison.Ordinal);

    private static string WithQuery(string path, string keyCase) => keyCase switch
    {
        "wrong-query" => path + "?code=not-the-key",
        "wrong-header-right-query" => path + "?code=" + HostFactory.AdminKey,
        _ => path,
    };

    private static void AddHeader(HttpRequestMessage request, string keyCase)
    {
        var header = keyCase switch
        {
            "empty-header" => "",
            "wrong-header" or "wrong-header-right-query" => "not-the-key",
            "key-differing-in-case" => HostFactory.AdminKey.ToUpperInvariant(),
            "key-with-trailing-space" => HostFactory.AdminKey + " x",
            "second-key-truncated" => "second-ke",
            _ => null,
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", header);
        }
    }

    private Task<HostileHost> StartAsync() => shared.StartAsync(azurite, new Dictionary<string, string?>
    {
        // Below the huge body, so the webhooks' own limit refuses it too.
        ["Email:MaxInboundBytes"] = "131072",
    }, async host =>
    {
        var request = DemoNegotiations.For("Leicester");
        host.Seeded["id"] = (await NegotiationHost.StartAsync(host.Admin, TestPace.Draft(request)))["id"]!.GetValue<string>();
        host.Seeded["partner"] = request.Partners![0]!.Id!;
    });
}
