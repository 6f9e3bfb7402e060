using System.Net;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>What every hostile case must come to: a clear 4xx of the expected kind, never a 5xx.</summary>
internal static class HostileAssert
{
    /// <summary>
    /// A problem+json answer with <paramref name="status"/> whose body names <paramref name="names"/>, so the
    /// caller learns what is wrong; returns the body.
    /// </summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] names)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"A hostile request got {(int)response.StatusCode}: {body}");
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {Cut(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var name in names)
        {
            Assert.True(body.Contains(name, StringComparison.OrdinalIgnoreCase), $"The problem does not name '{name}': {Cut(body)}");
        }
        return body;
    }

    /// <summary>An HTML error page (the partner-facing routes) with <paramref name="status"/>; returns the page.</summary>
    public static async Task<string> PageAsync(HttpResponseMessage response, HttpStatusCode status, string mustSay)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"A hostile request got {(int)response.StatusCode}: {Cut(body)}");
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {Cut(body)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mustSay, body, StringComparison.OrdinalIgnoreCase);
        return body;
    }

    private static string Cut(string body) => body.Length > 2000 ? body[..2000] + "..." : body;
}
