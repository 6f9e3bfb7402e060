using System.Buffers;
using System.Text.Json;
using Azure;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>Entities to and from the Table service's JSON (odata=minimalmetadata, so types survive).</summary>
internal static class EntityJson
{
    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Serializes the entity and hands back a copy of the bytes (the scratch buffer is reused per thread).</summary>
    public static byte[] Serialize(ITableEntity entity)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, ITableEntity entity)
    {
        TableKeys.Validate(entity.PartitionKey, entity.RowKey);
        writer.WriteStartObject();
        writer.WriteString(TableEntity.PartitionKeyName, entity.PartitionKey);
        writer.WriteString(TableEntity.RowKeyName, entity.RowKey);
        if (entity is TableEntity dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                if (name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or TableEntity.ETagName
                    || name.EndsWith(EdmType.AnnotationSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                EntityValues.Write(writer, name, value);
            }
        }
        else
        {
            foreach (var property in EntityShape.For(entity.GetType()).Properties)
            {
                EntityValues.Write(writer, property.Name, property.Get(entity));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one entity object; <paramref name="headerETag"/> wins over the body's when given.</summary>
    public static T Read<T>(JsonElement element, string? headerETag = null)
        where T : class, ITableEntity, new()
    {
        var entity = new T();
        var dictionary = entity as TableEntity;
        var shape = dictionary is null ? EntityShape.For(typeof(T)) : null;
        // The service writes a property's type annotation just before the property, so one pass pairs them; a
        // string with no annotation before it is looked up once more in case a writer put the annotation after.
        string? annotatedName = null;
        string? annotatedType = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(EdmType.AnnotationSuffix, StringComparison.Ordinal))
            {
                annotatedName = name[..^EdmType.AnnotationSuffix.Length];
                annotatedType = property.Value.GetString();
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal) && name != TableEntity.ETagName)
            {
                continue;
            }

            switch (name)
            {
                case TableEntity.PartitionKeyName:
                    entity.PartitionKey = property.Value.GetString() ?? "";
                    continue;
                case TableEntity.RowKeyName:
                    entity.RowKey = property.Value.GetString() ?? "";
                    continue;
                case TableEntity.TimestampName:
                    entity.Timestamp = EntityValues.ParseDate(property.Value.GetString()!);
                    continue;
                case TableEntity.ETagName:
                    entity.ETag = new ETag(property.Value.GetString()!);
                    continue;
            }

            EntityProperty? mapped = null;
            if (dictionary is null && !shape!.ByName.TryGetValue(name, out mapped))
            {
                continue;
            }

            string? edmType = null;
            if (annotatedName == name)
            {
                edmType = annotatedType;
            }
            else if (property.Value.ValueKind == JsonValueKind.String && mapped?.Type != typeof(string)
                && element.TryGetProperty(name + EdmType.AnnotationSuffix, out var annotation))
            {
                edmType = annotation.GetString();
            }

            var value = EntityValues.Read(name, property.Value, edmType);
            if (dictionary is not null)
            {
                if (value is not null)
                {
                    dictionary[name] = value;
                }
            }
            else
            {
                mapped!.Set(entity, EntityValues.ConvertTo(name, value, mapped.Type));
            }
        }

        if (headerETag is not null)
        {
            entity.ETag = new ETag(headerETag);
        }

        return entity;
    }
}
