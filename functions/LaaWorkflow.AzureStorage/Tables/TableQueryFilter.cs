using System.Globalization;
using System.Text;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>Formats the values of an interpolated OData filter as literals, escaping strings.</summary>
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = Literal(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal)) ? text : text + ".0",
        DateTime dt => "datetime'" + (dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        BinaryData data => "X'" + Convert.ToHexStringLower(data.ToMemory().Span) + "'",
        Enum e => "'" + e.ToString().Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new NotSupportedException($"A filter value of type {value.GetType().Name} has no OData literal."),
    };

    /// <summary>The entity path segment, keys quoted with quotes doubled and then percent-encoded.</summary>
    public static string EntityPath(string table, string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, rowKey);
        var builder = new StringBuilder(table.Length + partitionKey.Length + rowKey.Length + 40);
        builder.Append('/').Append(table).Append("(PartitionKey='")
            .Append(Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal)))
            .Append("',RowKey='")
            .Append(Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal)))
            .Append("')");
        return builder.ToString();
    }
}
