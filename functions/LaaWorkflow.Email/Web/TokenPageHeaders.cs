using Microsoft.AspNetCore.Http;

namespace LaaWorkflow.Email.Web;

/// <summary>The response headers of every page opened by a signed link from an email.</summary>
public static class TokenPageHeaders
{
    /// <summary>
    /// The token in the URL is the reader's authority: keep it out of caches, Referer headers and search indexes, and
    /// let the page post its form only to us.
    /// </summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
    }
}
