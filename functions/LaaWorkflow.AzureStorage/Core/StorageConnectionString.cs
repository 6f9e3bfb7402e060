namespace LaaWorkflow.AzureStorage.Core;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c>, account name and key with a protocol and
/// endpoint suffix, or explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>.
/// </summary>
internal sealed class StorageConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, string accountKey, Uri blob, Uri queue, Uri table)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
    }

    public string AccountName { get; }

    public string AccountKey { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public SharedKeySigner Signer => new(AccountName, AccountKey);

    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"The storage connection string has a setting without a name or '=': '{Redact(part)}'.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? p.TrimEnd('/') : "http://127.0.0.1";
            return new StorageConnectionString(
                DevelopmentAccountName,
                DevelopmentAccountKey,
                new Uri($"{proxy}:10000/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10001/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10002/{DevelopmentAccountName}"));
        }

        if (!settings.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        }

        if (!settings.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException($"The storage connection string for account '{account}' has no AccountKey.");
        }

        try
        {
            _ = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException($"The AccountKey for account '{account}' is not valid base64.");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
        var suffix = settings.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        return new StorageConnectionString(
            account,
            key,
            Endpoint(settings, "BlobEndpoint", protocol, account, "blob", suffix),
            Endpoint(settings, "QueueEndpoint", protocol, account, "queue", suffix),
            Endpoint(settings, "TableEndpoint", protocol, account, "table", suffix));
    }

    private static Uri Endpoint(Dictionary<string, string> settings, string name, string protocol, string account, string service, string suffix)
    {
        if (settings.TryGetValue(name, out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out var uri))
            {
                throw new FormatException($"The storage connection string's {name} '{explicitEndpoint}' is not an absolute URI.");
            }

            return uri;
        }

        return new Uri($"{protocol}://{account}.{service}.{suffix}");
    }

    // Never echo a key back in an error message.
    private static string Redact(string part) => part.Length > 12 ? part[..12] + "..." : part;
}
