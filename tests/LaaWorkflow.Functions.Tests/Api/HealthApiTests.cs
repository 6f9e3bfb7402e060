using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api;

[Collection("azurite")]
public sealed class HealthApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_StorageAnswers_Is200WithoutKey()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body["dependencies"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Empty(body["failing"]!.AsArray());
    }

    [Fact]
    public async Task Health_StorageDown_Is503NamingStorage()
    {
        // A port nothing listens on: the probe must fail fast and say which dependency failed.
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:9/{AzuriteFixture.AccountName};";
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = unreachable });
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storage", body["failing"]![0]!.GetValue<string>());
        Assert.Equal("Unhealthy", body["dependencies"]!["storage"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminRoute_StorageDown_Is503WithRetryAfterSayingTryAgain()
    {
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:9/{AzuriteFixture.AccountName};";
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = unreachable });
        using var client = host.CreateAdminClient();

        using var response = await client.GetAsync(new Uri("/api/negotiations", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Contains("try again", body["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
