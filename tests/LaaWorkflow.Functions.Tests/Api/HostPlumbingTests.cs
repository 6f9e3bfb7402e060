using System.Net;
using System.Net.Http.Json;
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
        using var clock = await client.GetAsync(new Uri("/api/dev/clock", UriKind.Relative));
        using var metrics = await client.GetAsync(new Uri("/api/dev/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clock.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Fact]
    public async Task Clock_AdvanceBy_MovesTheVirtualClock()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateAdminClient();

        using var advanced = await client.PostAsJsonAsync(new Uri("/api/dev/clock/advance", UriKind.Relative), new { by = "P7D" });
        var clock = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/dev/clock", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Equal(HostFactory.ClockStart.AddDays(7), clock["utcNow"]!.GetValue<DateTimeOffset>());
        Assert.Equal("virtual", clock["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ \"by\": \"seven days\" }", "by")]
    [InlineData("{ \"by\": \"P1D\", \"to\": \"2008-01-01T00:00:00Z\" }", "by")]
    [InlineData("{ \"to\": \"2000-01-01T00:00:00Z\" }", "to")]
    [InlineData("{ }", "by")]
    public async Task Clock_AdvanceInvalid_Is400NamingTheField(string body, string field)
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateAdminClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/dev/clock/advance", UriKind.Relative), content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Clock_SystemClock_AdvanceIs409()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Clock:Mode"] = "System" });
        using var client = host.CreateAdminClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/dev/clock/advance", UriKind.Relative), new { by = "P1D" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
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
        Assert.NotNull(after["durable"]!["episodes"]);
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
