using System.Reflection;

namespace LaaWorkflow.Negotiation.Reference;

/// <summary>Reads a tab-separated file embedded in this assembly, skipping its header row.</summary>
internal static class TsvResource
{
    public static IReadOnlyList<string[]> Read(string fileName, int columns)
    {
        var name = "LaaWorkflow.Negotiation.Reference." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The reference data resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != columns)
            {
                throw new InvalidDataException($"{fileName}: expected {columns} columns but found {cells.Length} in '{line}'.");
            }

            rows.Add(cells);
        }

        return rows;
    }
}
