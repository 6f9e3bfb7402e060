using System.Net;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;
using LaaWorkflow.Web.Security;

namespace LaaWorkflow.Functions.Tests.Security;

[Collection("azurite")]
public sealed class AdminKeyTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    [InlineData("/api/dev/outbox")]
    [InlineData("/api/dev/metrics")]
    public async Task AdminRoute_WithoutKey_Is401ProblemDetails(string path)
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-functions-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRoute_WithWrongKey_Is401()
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", HostFactory.AdminKey + "x");

        using var response = await client.GetAsync(new Uri("/api/dev/outbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("header", HostFactory.AdminKey)]
    [InlineData("query", HostFactory.AdminKey)]
    [InlineData("header", "second-key")]
    public async Task AdminRoute_WithConfiguredKey_IsAllowed(string how, string key)
    {
        await using var host = new HostFactory(azurite);
        using var client = host.CreateClient();
        var path = "/api/dev/outbox";
        if (how == "header")
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }
        else
        {
            path += "?code=" + Uri.EscapeDataString(key);
        }

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoute_WithNoKeysConfigured_RefusesEveryKey()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Host:AdminKeys"] = "" });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", "");

        using var response = await client.GetAsync(new Uri("/api/dev/outbox?code=anything", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("", "abc", false)]
    public void Matches_ComparesWholeKeys(string presented, string configured, bool expected) =>
        Assert.Equal(expected, AdminKeys.Matches(presented, [configured]));
}
