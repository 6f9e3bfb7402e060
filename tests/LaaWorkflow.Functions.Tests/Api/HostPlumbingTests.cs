using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api;

[Collection("azurite")]
public sealed class HostPlumbingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OpenApi_Document_ListsEveryApiArea()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/api/negotiations", paths);
        Assert.Contains("/api/negotiations/{id}", paths);
        Assert.Contains("/api/respond/{token}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/instances/{instanceId}", paths);
        Assert.Contains("/api/health", paths);
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413ProblemDetails()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Host:MaxRequestBodyBytes"] = "1024" });
        using var client = host.CreateAdminClient();
        using var content = new StringContent(new string('x', 4096), System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/negotiations", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnswerRoute_OverTheRate_Is429WithRetryAfter()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Host:AnswerRequestsPerMinute"] = "2" });
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/api/respond/some-token", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.NotNull(last!.Headers.RetryAfter);
        last.Dispose();
    }

    [Fact]
    public async Task DevRoutes_Off_Are404EvenWithKey()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Host:DevRoutes"] = "false" });
        using var client = host.CreateAdminClient();

        using var outbox = await client.GetAsync(new Uri("/api/dev/outbox", UriKind.Relative));
        using var metrics = await client.GetAsync(new Uri("/api/dev/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterStorageWork_CountsItByKind()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateAdminClient();
        var before = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/dev/metrics", UriKind.Relative)))!;

        using var outbox = await client.GetAsync(new Uri("/api/dev/outbox", UriKind.Relative));
        var after = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/dev/metrics", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.OK, outbox.StatusCode);
        Assert.True(after["storage"]!["table.query"]!.GetValue<long>() > before["storage"]!["table.query"]!.GetValue<long>());
        Assert.True(after["memory"]!["workingSetBytes"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Outbox_TopOutOfRange_Is400()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateAdminClient();

        using var response = await client.GetAsync(new Uri("/api/dev/outbox?top=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_IsServedAsStaticFiles()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();

        var index = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/js/app.js", UriKind.Relative));

        Assert.Contains("LaaWorkflow admin", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
