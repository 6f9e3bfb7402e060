using Azure.Core;

namespace LaaWorkflow.AzureStorage.Queues;

/// <summary>How message text travels on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>As plain (XML-escaped) text.</summary>
    None,

    /// <summary>Base64 of its UTF-8 bytes, for readers that expect it (Azure Functions' queue trigger does).</summary>
    Base64,
}

/// <summary>Options for the queue clients: retries, diagnostics, transport and message encoding.</summary>
public sealed class QueueClientOptions : ClientOptions
{
    /// <summary>The Queue service REST version the clients speak.</summary>
    public const string ServiceVersion = "2021-12-02";

    /// <summary>Plain text unless the caller asks for base64.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.None;
}
