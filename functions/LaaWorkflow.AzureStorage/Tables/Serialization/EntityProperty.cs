using System.Linq.Expressions;
using System.Reflection;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>One mapped public property of an entity class, with compiled accessors (no reflection per call).</summary>
internal sealed class EntityProperty
{
    private EntityProperty(string name, Type type, Func<object, object?> get, Action<object, object?> set)
    {
        Name = name;
        Type = type;
        Get = get;
        Set = set;
    }

    public string Name { get; }

    /// <summary>The property type with any Nullable&lt;T&gt; removed.</summary>
    public Type Type { get; }

    public Func<object, object?> Get { get; }

    public Action<object, object?> Set { get; }

    public static EntityProperty Create(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Convert(instance, property.DeclaringType!);
        var get = Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(typed, property), typeof(object)), instance).Compile();
        var set = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(Expression.Property(typed, property), Expression.Convert(value, property.PropertyType)), instance, value).Compile();
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return new EntityProperty(property.Name, type, get, set);
    }
}
