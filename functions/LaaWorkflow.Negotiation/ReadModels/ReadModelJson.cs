using System.Text.Json;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>The JSON used for the structured columns of read-model rows (the definition, targets, the outcome).</summary>
internal static class ReadModelJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");
}
