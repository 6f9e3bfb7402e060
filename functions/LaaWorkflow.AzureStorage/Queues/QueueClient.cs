using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Queues.Models;

namespace LaaWorkflow.AzureStorage.Queues;

/// <summary>
/// One queue: send, receive with a visibility timeout, update, delete by pop receipt, peek and count. Delivery is at
/// least once: a message whose receiver does not delete it in time shows up again. Shaped like Azure.Storage.Queues.
/// </summary>
public partial class QueueClient
{
    /// <summary>The largest message the service accepts, after encoding.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private static readonly TimeSpan s_maxVisibility = TimeSpan.FromDays(7);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _queueUri;
    private readonly QueueMessageEncoding _encoding;

    public QueueClient(string connectionString, string queueName)
        : this(connectionString, queueName, new QueueClientOptions())
    {
    }

    public QueueClient(string connectionString, string queueName, QueueClientOptions options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        options ??= new QueueClientOptions();
        ValidateQueueName(queueName);
        Name = queueName;
        AccountName = parsed.AccountName;
        _queueUri = new Uri(parsed.QueueEndpoint.AbsoluteUri.TrimEnd('/') + "/" + queueName);
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipeline.Build(options, QueueClientOptions.ServiceVersion, parsed.Signer, tableLite: false);
    }

    /// <summary>A client authorised by a token credential (managed identity) for the queue at <paramref name="queueUri"/>.</summary>
    public QueueClient(Uri queueUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queueUri);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new QueueClientOptions();
        _queueUri = new Uri(queueUri.AbsoluteUri.TrimEnd('/'));
        Name = _queueUri.Segments[^1];
        ValidateQueueName(Name);
        AccountName = StoragePipeline.AccountFromEndpoint(_queueUri);
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipeline.Build(options, QueueClientOptions.ServiceVersion, credential);
    }

    internal QueueClient(HttpPipeline pipeline, Uri serviceUri, string accountName, string queueName, QueueMessageEncoding encoding)
    {
        ValidateQueueName(queueName);
        _pipeline = pipeline;
        _queueUri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + queueName);
        AccountName = accountName;
        Name = queueName;
        _encoding = encoding;
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        _pipeline = null!;
        _queueUri = null!;
        Name = "";
        AccountName = "";
    }

    public virtual string Name { get; }

    public virtual string AccountName { get; }

    public virtual Uri Uri => _queueUri;

    /// <summary>Creates the queue unless it exists.</summary>
    public virtual async Task<Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Put, "");
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                request.Headers.SetValue("x-ms-meta-" + key, value);
            }
        }

        var response = await SendAsync(request, cancellationToken);
        return response.IsError && response.Status != 409 ? throw StorageErrors.Create(response, $"Creating queue '{Name}'") : response;
    }

    /// <summary>Deletes the queue and its messages; true if it existed.</summary>
    /// <remarks>Deletes stored messages.</remarks>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete, "");
        var response = await SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Deleting queue '{Name}'") : Response.FromValue(true, response);
    }

    /// <summary>Whether the queue exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Get, "");
        request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Checking queue '{Name}'") : Response.FromValue(true, response);
    }

    /// <summary>The queue's approximate message count and metadata.</summary>
    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Get, "");
        request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Reading properties of queue '{Name}'");
        }

        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return Response.FromValue(new QueueProperties(count, metadata), response);
    }

    internal static void ValidateQueueName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) && !name.Contains("--", StringComparison.Ordinal);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
        }

        if (!valid)
        {
            throw new ArgumentException($"Queue name '{name}' must be 3 to 63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.", nameof(name));
        }
    }

    internal static void ValidateVisibility(TimeSpan? value, string parameter, TimeSpan minimum)
    {
        if (value is { } v && (v < minimum || v > s_maxVisibility))
        {
            throw new ArgumentOutOfRangeException(parameter, v, $"{parameter} must be between {minimum.TotalSeconds} seconds and 7 days.");
        }
    }

    internal static string Seconds(TimeSpan value) => ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private Request CreateRequest(RequestMethod method, string path)
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(_queueUri);
        if (path.Length > 0)
        {
            request.Uri.AppendPath(path, escape: false);
        }

        return request;
    }

    private async ValueTask<Response> SendAsync(Request request, CancellationToken cancellationToken) =>
        await _pipeline.SendRequestAsync(request, cancellationToken);

    private string ToWire(BinaryData message)
    {
        var wire = _encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(message.ToMemory().Span) : message.ToString();
        if (Encoding.UTF8.GetByteCount(wire) > MaxMessageBytes)
        {
            throw new ArgumentException($"The message is {Encoding.UTF8.GetByteCount(wire)} bytes once encoded; a queue message holds at most {MaxMessageBytes}. Store large payloads in a blob and send its name.", nameof(message));
        }

        return wire;
    }

    private BinaryData FromWire(string text)
    {
        if (_encoding != QueueMessageEncoding.Base64)
        {
            return BinaryData.FromString(text);
        }

        try
        {
            return new BinaryData(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"A message on queue '{Name}' is not base64, but the client was configured with MessageEncoding = Base64.", e);
        }
    }
}
