namespace LaaWorkflow.AzureStorage.Tables.Models;

/// <summary>A table, as the service lists it.</summary>
public sealed class TableItem(string name)
{
    /// <summary>The table's name.</summary>
    public string Name { get; } = name;
}
