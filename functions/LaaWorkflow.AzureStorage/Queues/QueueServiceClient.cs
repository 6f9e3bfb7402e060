using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Core;

namespace LaaWorkflow.AzureStorage.Queues;

/// <summary>The Queue service of one account: hands out <see cref="QueueClient"/>s that share its pipeline.</summary>
public class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly QueueMessageEncoding _encoding;

    public QueueServiceClient(string connectionString)
        : this(connectionString, new QueueClientOptions())
    {
    }

    public QueueServiceClient(string connectionString, QueueClientOptions options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        options ??= new QueueClientOptions();
        _endpoint = parsed.QueueEndpoint;
        AccountName = parsed.AccountName;
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipeline.Build(options, QueueClientOptions.ServiceVersion, parsed.Signer, tableLite: false);
    }

    /// <summary>A client authorised by a token credential (managed identity).</summary>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new QueueClientOptions();
        _endpoint = serviceUri;
        AccountName = StoragePipeline.AccountFromEndpoint(serviceUri);
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipeline.Build(options, QueueClientOptions.ServiceVersion, credential);
    }

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
        _pipeline = null!;
        _endpoint = null!;
        AccountName = "";
    }

    public virtual string AccountName { get; }

    public virtual Uri Uri => _endpoint;

    /// <summary>A client for one queue (nothing is sent).</summary>
    public virtual QueueClient GetQueueClient(string queueName) => new(_pipeline, _endpoint, AccountName, queueName, _encoding);
}
