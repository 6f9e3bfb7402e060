using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Http;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.FunctionApp;

/// <summary>
/// The Functions app's HTTP functions, called directly, answer as the local host's routes do: both run the one
/// implementation of each route in LaaWorkflow.Web, over the same storage and the same durable engine.
/// </summary>
[Collection("azurite")]
public sealed class FunctionClassesTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    private DurableTaskClient Client => Host.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task StartAndGet_ThroughTheFunctions_AreTheNegotiationTheLocalHostReads()
    {
        await using var functions = new FunctionInvocation(Settings());
        var draft = System.Text.Json.JsonSerializer.Serialize(TestPace.Draft(DemoNegotiations.For("Sunderland")), NegotiationHost.Json);

        var start = functions.Request("POST", "/api/negotiations", draft);
        var started = await FunctionInvocation.ResponseAsync(start, await NegotiationFunctions.StartAsync(start, Client));
        Assert.True(started.Status == 202, started.Body);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(Admin, id))["phase"] is not null);

        var get = functions.Request("GET", $"/api/negotiations/{id}");
        var read = await FunctionInvocation.ResponseAsync(get, await NegotiationFunctions.GetAsync(get, Client, id));
        var local = await NegotiationHost.GetAsync(Admin, id);

        Assert.Equal(200, read.Status);
        var fromFunction = JsonNode.Parse(read.Body)!;
        Assert.Equal("Sunderland", fromFunction["area"]!.GetValue<string>());
        Assert.Equal(local["partners"]!.ToJsonString(), fromFunction["partners"]!.ToJsonString());
        Assert.Equal(local["targets"]!.ToJsonString(), fromFunction["targets"]!.ToJsonString());
        Assert.Contains("/runtime/webhooks/durabletask/instances/", JsonNode.Parse(started.Body)!["statusQueryGetUri"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidRequest_IsTheLocalHostsProblemAndStartsNothing()
    {
        await using var functions = new FunctionInvocation(Settings());
        var invalid = TestPace.Draft(DemoNegotiations.For("Sunderland")) with { Partners = [] };
        var json = System.Text.Json.JsonSerializer.Serialize(invalid, NegotiationHost.Json);

        var request = functions.Request("POST", "/api/negotiations", json);
        var viaFunction = await FunctionInvocation.ResponseAsync(request, await NegotiationFunctions.StartAsync(request, Client));
        using var viaLocalHost = await Admin.PostAsync(new Uri("/api/negotiations", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, viaFunction.Status);
        Assert.Equal((int)viaLocalHost.StatusCode, viaFunction.Status);
        Assert.Equal("application/problem+json", viaFunction.ContentType);
        Assert.Equal(ErrorKeys(await viaLocalHost.Content.ReadAsStringAsync()), ErrorKeys(viaFunction.Body));
    }

    [Fact]
    public async Task Start_UnreadableJson_IsA400NamingTheProblem_AsInTheLocalHost()
    {
        await using var functions = new FunctionInvocation(Settings());

        var request = functions.Request("POST", "/api/negotiations", """{"area": 42""");
        var answer = await FunctionInvocation.ResponseAsync(request, await NegotiationFunctions.StartAsync(request, Client));

        Assert.Equal(400, answer.Status);
        Assert.Contains("JSON", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ImpossibleId_Is404FromTheSameFilter()
    {
        await using var functions = new FunctionInvocation(Settings());
        var id = "bad#id";

        var request = functions.Request("GET", "/api/negotiations/bad%23id");
        var answer = await FunctionInvocation.ResponseAsync(request, await NegotiationFunctions.GetAsync(request, Client, id));

        Assert.Equal(404, answer.Status);
        Assert.Contains("No negotiation can have the id 'bad#id'", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_NotSignedOff_Is404SayingWhy()
    {
        await using var functions = new FunctionInvocation(Settings());
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Cornwall"))))["id"]!.GetValue<string>();

        var request = functions.Request("GET", $"/api/negotiations/{id}/document");
        var answer = await FunctionInvocation.ResponseAsync(request, await NegotiationFunctions.DocumentAsync(request, Client, id));

        Assert.Equal(404, answer.Status);
        Assert.Contains("The Cornwall agreement is not signed off yet", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRefresh_NotSignedOff_Is409SayingWhy_AsInTheLocalHost()
    {
        await using var functions = new FunctionInvocation(Settings());
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Lambeth"))))["id"]!.GetValue<string>();
        var body = """{"year": "2009", "targets": []}""";

        var request = functions.Request("POST", $"/api/negotiations/{id}/refreshes", body);
        var viaFunction = await FunctionInvocation.ResponseAsync(request, await RefreshFunctions.StartRefreshAsync(request, Client, id));
        using var viaLocalHost = await Admin.PostAsync(new Uri($"/api/negotiations/{id}/refreshes", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(409, viaFunction.Status);
        Assert.Equal((int)viaLocalHost.StatusCode, viaFunction.Status);
        Assert.Contains("Only a finalised agreement can be refreshed", viaFunction.Body, StringComparison.Ordinal);
        Assert.Empty((await NegotiationHost.GetAsync(Admin, id))["refreshes"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task AnswerPage_TamperedToken_IsThe400PageWithTheTokenPageHeaders()
    {
        await using var functions = new FunctionInvocation(Settings());

        var request = functions.Request("GET", "/api/respond/not-a-token");
        var answer = await FunctionInvocation.ResponseAsync(request, await AnswerFunctions.ShowAsync(request, Client, "not-a-token"));
        using var local = await Host.CreateClient().GetAsync(new Uri("/api/respond/not-a-token", UriKind.Relative));

        Assert.Equal((int)local.StatusCode, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(local.Headers.CacheControl?.ToString(), request.HttpContext.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task DevOutbox_DevRoutesOff_DoesNotExist()
    {
        await using var functions = new FunctionInvocation(Settings(("Host:DevRoutes", "false")));

        var request = functions.Request("GET", "/api/dev/outbox");
        var answer = await FunctionInvocation.ResponseAsync(request, await HostFunctions.OutboxAsync(request, Client));

        Assert.Equal(404, answer.Status);
    }

    [Fact]
    public async Task Health_StorageAnswers_Is200()
    {
        await using var functions = new FunctionInvocation(Settings());

        var request = functions.Request("GET", "/api/health");
        var answer = await FunctionInvocation.ResponseAsync(request, await HostFunctions.HealthAsync(request, Client));

        Assert.Equal(200, answer.Status);
        Assert.Contains("\"failing\":[]", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 200)]
    [InlineData("negotiation.html", 200)]
    [InlineData("../LaaWorkflow.Functions.dll", 404)]
    [InlineData("no-such-page.html", 404)]
    public async Task Dashboard_ServesItsPagesAndNothingElse(string path, int status)
    {
        await using var functions = new FunctionInvocation(Settings());

        var request = functions.Request("GET", "/" + path);
        var answer = await FunctionInvocation.ResponseAsync(request, HostFunctions.Dashboard(request, path));

        Assert.Equal(status, answer.Status);
        if (status == 200)
        {
            Assert.Equal("text/html", answer.ContentType);
        }
    }

    private IConfiguration Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new ConfigurationBuilder().AddConfiguration(Host.Services.GetRequiredService<IConfiguration>());
        settings.AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        return settings.Build();
    }

    private static string ErrorKeys(string problem) =>
        string.Join(",", JsonNode.Parse(problem)!["errors"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal));
}
