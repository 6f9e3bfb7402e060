using System.Text.Json;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// A <see cref="TaskMessage"/> as queue text: its JSON, or, when that exceeds a queue message, a reference to a blob
/// holding it (written first, so a reference never points to nothing).
/// </summary>
internal sealed class MessageCodec
{
    private const string BlobPrefix = "blob:";
    private readonly IPayloadStore _payloads;

    public MessageCodec(IPayloadStore payloads) => _payloads = payloads;

    public static string Serialize(TaskMessage message) => JsonSerializer.Serialize(message, DurableJson.Options);

    public async Task<string> EncodeAsync(TaskMessage message, int maxInlineChars, CancellationToken cancellationToken)
    {
        var json = Serialize(message);
        return json.Length <= maxInlineChars
            ? json
            : BlobPrefix + await _payloads.UploadAsync(message.InstanceId, json, cancellationToken);
    }

    public async Task<TaskMessage> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var json = text.StartsWith(BlobPrefix, StringComparison.Ordinal)
            ? await _payloads.DownloadAsync(text[BlobPrefix.Length..], cancellationToken)
            : text;
        return JsonSerializer.Deserialize<TaskMessage>(json, DurableJson.Options)
            ?? throw new JsonException("A queue message held JSON null instead of a task message.");
    }
}
