namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>Checks table names and keys before anything goes on the wire, so bad input fails clearly.</summary>
internal static class TableKeys
{
    public static void ValidateTableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is < 3 or > 63 || !char.IsAsciiLetter(name[0]))
        {
            throw new ArgumentException($"Table name '{name}' must be 3 to 63 letters and digits, starting with a letter.", nameof(name));
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"Table name '{name}' must be 3 to 63 letters and digits, starting with a letter.", nameof(name));
            }
        }
    }

    public static void Validate(string? partitionKey, string? rowKey)
    {
        ValidateKey(partitionKey, "PartitionKey");
        ValidateKey(rowKey, "RowKey");
    }

    private static void ValidateKey(string? key, string which)
    {
        if (key is null)
        {
            throw new ArgumentException($"The entity has no {which}.", which);
        }

        if (key.Length > 1024)
        {
            throw new ArgumentException($"The {which} is {key.Length} characters long; at most 1024 are allowed.", which);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"The {which} '{key}' contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c)}', which table keys cannot hold.", which);
            }
        }
    }
}
