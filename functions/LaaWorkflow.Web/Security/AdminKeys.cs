using System.Security.Cryptography;
using System.Text;

namespace LaaWorkflow.Web.Security;

/// <summary>Checks a presented key against the configured admin keys.</summary>
internal static class AdminKeys
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    /// <summary>
    /// Compares digests rather than the keys themselves so neither the content nor the length of
    /// a configured key leaks through timing; every configured key is compared, match or not.
    /// </summary>
    public static bool Matches(string presented, IEnumerable<string> configured)
    {
        var presentedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var matched = false;
        foreach (var key in configured)
        {
            var keyDigest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            matched |= CryptographicOperations.FixedTimeEquals(presentedDigest, keyDigest);
        }
        return matched;
    }

    /// <summary>The key the caller presented, header first (the Azure Functions convention), or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }
        return request.Query.TryGetValue(QueryName, out var code) && !string.IsNullOrEmpty(code) ? code.ToString() : null;
    }
}
