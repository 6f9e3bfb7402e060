using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaaWorkflow.Functions.CustomHandler.Payloads;

/// <summary>
/// What the Azure Functions host posts to <c>/{FunctionName}</c> for a function that is not a plain
/// forwarded HTTP request: <c>Data</c> holds one entry per trigger or input binding, named as in
/// function.json; <c>Metadata</c> holds the trigger's metadata and the host's <c>sys</c> block.
/// </summary>
internal sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] IReadOnlyDictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] IReadOnlyDictionary<string, JsonElement>? Metadata)
{
    /// <summary>
    /// The id that ties this invocation's log lines together: the host's per-invocation
    /// <c>sys.RandGuid</c> when present, otherwise a fresh one.
    /// </summary>
    public string InvocationId()
    {
        if (Metadata is not null
            && Metadata.TryGetValue("sys", out var sys)
            && sys.ValueKind == JsonValueKind.Object
            && sys.TryGetProperty("RandGuid", out var guid)
            && guid.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(guid.GetString()))
        {
            return guid.GetString()!;
        }
        return Guid.NewGuid().ToString("D");
    }
}
