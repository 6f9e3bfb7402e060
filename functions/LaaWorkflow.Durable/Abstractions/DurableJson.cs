using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaaWorkflow.Durable;

/// <summary>The one serializer for inputs, outputs, events, custom status and history: System.Text.Json, camelCase web defaults.</summary>
/// <remarks>Warning: changing these options changes the stored format of every instance.</remarks>
public static class DurableJson
{
    /// <summary>The shared options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; a null or empty payload gives the type's default.</summary>
    public static T? Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes a value to a runtime type; a null or empty payload gives null.</summary>
    public static object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrEmpty(json))
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
