using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Serialization;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>The mapped properties of an entity class, found once per type.</summary>
internal sealed class EntityShape
{
    private static readonly ConcurrentDictionary<Type, EntityShape> s_shapes = new();

    private EntityShape(EntityProperty[] properties)
    {
        Properties = properties;
        ByName = properties.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Every mapped property except the keys and system properties of <see cref="ITableEntity"/>.</summary>
    public EntityProperty[] Properties { get; }

    public FrozenDictionary<string, EntityProperty> ByName { get; }

    public static EntityShape For(Type type) => s_shapes.GetOrAdd(type, Build);

    private static EntityShape Build(Type type)
    {
        var properties = new List<EntityProperty>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)
                || property.GetIndexParameters().Length > 0
                || property.GetMethod is not { IsPublic: true } || property.SetMethod is not { IsPublic: true }
                || property.IsDefined(typeof(IgnoreDataMemberAttribute)))
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!EntityValues.IsSupported(propertyType))
            {
                throw new NotSupportedException(
                    $"Property {type.Name}.{property.Name} has type {property.PropertyType.Name}, which a table cannot store. " +
                    "Use string, int, long, double, bool, DateTime, DateTimeOffset, Guid, byte[], BinaryData or an enum, or mark it [IgnoreDataMember].");
            }

            properties.Add(EntityProperty.Create(property));
        }

        return new EntityShape([.. properties]);
    }
}
