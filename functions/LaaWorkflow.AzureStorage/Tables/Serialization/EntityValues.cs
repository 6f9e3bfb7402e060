using System.Globalization;
using System.Text.Json;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>Writes and reads single property values in the Table service's JSON with OData type annotations.</summary>
internal static class EntityValues
{
    public static bool IsSupported(Type type) =>
        type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(bool)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(byte[])
        || type == typeof(BinaryData) || type.IsEnum;

    /// <summary>Writes one property; nulls are skipped because tables do not store them.</summary>
    public static void Write(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                writer.WriteString(name, s);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case long l:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.Int64);
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                // Annotated always: an integral double read back untyped would come back as an Int32.
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.Double);
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case DateTime dt:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.DateTime);
                writer.WriteString(name, FormatDate(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()));
                return;
            case DateTimeOffset dto:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.DateTime);
                writer.WriteString(name, FormatDate(dto.UtcDateTime));
                return;
            case Guid g:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.Guid);
                writer.WriteString(name, g.ToString("D"));
                return;
            case byte[] bytes:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.Binary);
                writer.WriteBase64String(name, bytes);
                return;
            case BinaryData data:
                writer.WriteString(name + EdmType.AnnotationSuffix, EdmType.Binary);
                writer.WriteBase64String(name, data.ToMemory().Span);
                return;
            case Enum e:
                writer.WriteString(name, e.ToString());
                return;
            default:
                throw new NotSupportedException($"Property '{name}' holds a {value.GetType().Name}, which a table cannot store.");
        }
    }

    /// <summary>Reads a JSON value given its annotation (null when the service sent none).</summary>
    public static object? Read(string name, JsonElement value, string? edmType)
    {
        try
        {
            return edmType switch
            {
                EdmType.Int64 => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
                EdmType.Double => ReadDouble(value),
                EdmType.DateTime => ParseDate(value.GetString()!),
                EdmType.Guid => Guid.Parse(value.GetString()!),
                EdmType.Binary => value.GetBytesFromBase64(),
                EdmType.Int32 => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
                EdmType.Boolean => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
                _ => value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    // Boxed one by one: a conditional expression would widen every branch to double.
                    JsonValueKind.Number => ReadUntypedNumber(value),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => throw new FormatException($"unexpected JSON {value.ValueKind}"),
                },
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"Property '{name}' of type {edmType ?? "(untyped)"} could not be read: {e.Message}", e);
        }
    }

    /// <summary>Converts a read value to a mapped property's type.</summary>
    public static object? ConvertTo(string name, object? value, Type target)
    {
        if (value is null || target.IsInstanceOfType(value))
        {
            return value;
        }

        return (value, target) switch
        {
            (int i, _) when target == typeof(long) => (long)i,
            (int i, _) when target == typeof(double) => (double)i,
            (long l, _) when target == typeof(double) => (double)l,
            (DateTimeOffset d, _) when target == typeof(DateTime) => d.UtcDateTime,
            (byte[] b, _) when target == typeof(BinaryData) => new BinaryData(b),
            (string s, _) when target.IsEnum => Enum.Parse(target, s, ignoreCase: false),
            (int i, _) when target.IsEnum => Enum.ToObject(target, i),
            _ => throw new InvalidOperationException(
                $"Property '{name}' holds a {value.GetType().Name} in the table but the entity class declares {target.Name}."),
        };
    }

    private static object ReadUntypedNumber(JsonElement value)
    {
        if (value.TryGetInt32(out var i))
        {
            return i;
        }

        if (value.TryGetInt64(out var l))
        {
            return l;
        }

        return value.GetDouble();
    }

    private static double ReadDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => double.Parse(text!, CultureInfo.InvariantCulture),
        },
    };

    private static string FormatDate(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
