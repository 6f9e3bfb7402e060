using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LaaWorkflow.Benchmarks.Storage;

/// <summary>
/// The baseline's own request signing, so the bare-HttpClient figures carry no SDK code at all. Builds the Shared Key strings-to-sign of the Azure Storage REST API (version 2009-09-19 and later) and signs them
/// with HMAC-SHA256 under the account key.
/// </summary>
internal sealed class SharedKeySigner(string accountName, string accountKey)
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public string AccountName { get; } = accountName;

    /// <summary>Table service, Shared Key Lite: the date, then the canonicalized resource with only <c>comp</c> kept.</summary>
    public static string TableLiteStringToSign(string accountName, string date, string encodedPath, string? query)
    {
        var comp = QueryValue(query, "comp");
        return comp is null
            ? string.Concat(date, "\n/", accountName, encodedPath)
            : string.Concat(date, "\n/", accountName, encodedPath, "?comp=", comp);
    }

    /// <summary>Blob and queue service, Shared Key: the verb, twelve standard headers, the x-ms- headers, the resource.</summary>
    public static string StringToSign(
        string accountName,
        string verb,
        IEnumerable<KeyValuePair<string, string>> headers,
        string encodedPath,
        string? query)
    {
        string Standard(string name)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }

            return "";
        }

        var builder = new StringBuilder(256);
        builder.Append(verb).Append('\n');
        builder.Append(Standard("Content-Encoding")).Append('\n');
        builder.Append(Standard("Content-Language")).Append('\n');
        var length = Standard("Content-Length");
        // Since version 2015-02-21 a zero length is signed as the empty string.
        builder.Append(length == "0" ? "" : length).Append('\n');
        builder.Append(Standard("Content-MD5")).Append('\n');
        builder.Append(Standard("Content-Type")).Append('\n');
        builder.Append(Standard("Date")).Append('\n');
        builder.Append(Standard("If-Modified-Since")).Append('\n');
        builder.Append(Standard("If-Match")).Append('\n');
        builder.Append(Standard("If-None-Match")).Append('\n');
        builder.Append(Standard("If-Unmodified-Since")).Append('\n');
        builder.Append(Standard("Range")).Append('\n');

        var canonicalHeaders = new List<KeyValuePair<string, string>>();
        foreach (var header in headers)
        {
            if (header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                canonicalHeaders.Add(new(header.Key.ToLowerInvariant(), header.Value.Trim()));
            }
        }

        canonicalHeaders.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var header in canonicalHeaders)
        {
            builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(encodedPath.Length == 0 ? "/" : encodedPath);
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in QueryParameters(query))
        {
            var key = name.ToLowerInvariant();
            if (!parameters.TryGetValue(key, out var values))
            {
                values = [];
                parameters[key] = values;
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }

        return builder.ToString();
    }

    public string Sign(string stringToSign)
    {
        var bytes = Encoding.UTF8.GetBytes(stringToSign);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, bytes));
    }

    public static string FormatDate(DateTimeOffset now) => now.ToString("R", CultureInfo.InvariantCulture);

    private static string? QueryValue(string? query, string name)
    {
        foreach (var (key, value) in QueryParameters(query))
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            yield break;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
