using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LaaWorkflow.Web.Hosting.Storage;

/// <summary>
/// Where the app's storage account is and how it authenticates, read the way Azure Functions reads a
/// connection named <c>AzureWebJobsStorage</c>: a connection string when the setting itself has a value
/// (locally, <c>UseDevelopmentStorage=true</c>); otherwise the identity-based form, with
/// <c>__accountName</c> or per-service <c>__tableServiceUri</c> / <c>__queueServiceUri</c> /
/// <c>__blobServiceUri</c>, authenticated by a managed identity (<c>__credential=managedidentity</c>,
/// <c>__clientId</c> for a user-assigned one) or by <see cref="DefaultAzureCredential"/>.
/// </summary>
/// <remarks>
/// The one place the app's storage clients are built, so every client counts its requests
/// (<see cref="StorageOperationCounter"/>) and authenticates the same way.
/// </remarks>
internal sealed partial class StorageAccountConnection
{
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageAccountConnection(string name, string? connectionString, Uri? table, Uri? queue, Uri? blob, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        TableServiceUri = table;
        QueueServiceUri = queue;
        BlobServiceUri = blob;
        Credential = credential;
    }

    /// <summary>The connection's setting name.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the setting holds one; then every URI and the credential are null.</summary>
    public string? ConnectionString { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? BlobServiceUri { get; }

    /// <summary>The identity to authenticate with, when there is no connection string.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>
    /// The app's storage account: <see cref="FromConfiguration"/>, except that with no setting at all it is the local
    /// emulator, as the Functions Core Tools assume locally (in Azure the deployment always sets one).
    /// </summary>
    public static StorageAccountConnection ForApp(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = !string.IsNullOrWhiteSpace(configuration[DefaultName])
            || configuration.GetSection(DefaultName).GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value));
        return configured
            ? FromConfiguration(configuration)
            : new StorageAccountConnection(DefaultName, "UseDevelopmentStorage=true", null, null, null, null);
    }

    /// <summary>Reads the connection <paramref name="name"/> from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither form is configured, or a value is malformed; the message names the setting.</exception>
    public static StorageAccountConnection FromConfiguration(IConfiguration configuration, string name = DefaultName)
    {
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageAccountConnection(name, connectionString, null, null, null, null);
        }

        var section = configuration.GetSection(name);
        var accountName = section["accountName"];
        if (!string.IsNullOrEmpty(accountName) && !IsAccountName(accountName))
        {
            throw new InvalidOperationException(
                $"{name}__accountName must be a storage account name (3 to 24 lowercase letters and digits); it is '{accountName}'.");
        }
        var table = ServiceUri(section, name, "table", accountName);
        var queue = ServiceUri(section, name, "queue", accountName);
        var blob = ServiceUri(section, name, "blob", accountName);
        if (table is null && queue is null && blob is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {name} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {name}__accountName (or {name}__tableServiceUri, __queueServiceUri, __blobServiceUri) to use a managed identity.");
        }
        return new StorageAccountConnection(name, null, table, queue, blob, ReadCredential(section, name));
    }

    /// <summary>A Table service client for this account, by connection string or by identity.</summary>
    /// <exception cref="InvalidOperationException">The identity form names no Table endpoint.</exception>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= new TableClientOptions();
        options.AddPolicy(new StorageOperationCounter(StorageOperationCounter.Table), HttpPipelinePosition.PerCall);
        if (ConnectionString is not null)
        {
            return new TableServiceClient(ConnectionString, options);
        }
        var endpoint = TableServiceUri ?? throw new InvalidOperationException(
            $"{Name} names no Table endpoint: set {Name}__accountName or {Name}__tableServiceUri.");
        return new TableServiceClient(endpoint, Credential!, options);
    }

    /// <summary>A Queue service client for this account, by connection string or by identity.</summary>
    /// <exception cref="InvalidOperationException">The identity form names no Queue endpoint.</exception>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        options.AddPolicy(new StorageOperationCounter(StorageOperationCounter.Queue), HttpPipelinePosition.PerCall);
        if (ConnectionString is not null)
        {
            return new QueueServiceClient(ConnectionString, options);
        }
        var endpoint = QueueServiceUri ?? throw new InvalidOperationException(
            $"{Name} names no Queue endpoint: set {Name}__accountName or {Name}__queueServiceUri.");
        return new QueueServiceClient(endpoint, Credential!, options);
    }

    /// <summary>A Blob service client for this account, by connection string or by identity.</summary>
    /// <exception cref="InvalidOperationException">The identity form names no Blob endpoint.</exception>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        options ??= new BlobClientOptions();
        options.AddPolicy(new StorageOperationCounter(StorageOperationCounter.Blob), HttpPipelinePosition.PerCall);
        if (ConnectionString is not null)
        {
            return new BlobServiceClient(ConnectionString, options);
        }
        var endpoint = BlobServiceUri ?? throw new InvalidOperationException(
            $"{Name} names no Blob endpoint: set {Name}__accountName or {Name}__blobServiceUri.");
        return new BlobServiceClient(endpoint, Credential!, options);
    }

    private static Uri? ServiceUri(IConfigurationSection section, string name, string service, string? accountName)
    {
        var key = service + "ServiceUri";
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.IsNullOrEmpty(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net/");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{name}__{key} must be an absolute https URI; it is '{value}'.");
        }
        return uri;
    }

    private static TokenCredential ReadCredential(IConfigurationSection section, string name)
    {
        var kind = section["credential"];
        var clientId = section["clientId"];
        if (string.IsNullOrWhiteSpace(kind))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }
        if (!string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{name}__credential must be 'managedidentity' or unset; it is '{kind}'.");
        }
        return new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static bool IsAccountName(string value) =>
        value.Length is >= 3 and <= 24 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
