using System.Text.Json;
using System.Text.RegularExpressions;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>The settings files of the repository, as key sets in the Functions <c>__</c> form.</summary>
internal static partial class AppSettings
{
    /// <summary>The <c>Values</c> of local.settings.sample.json.</summary>
    public static IReadOnlyDictionary<string, string> Sample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The keys and value expressions of the <c>appSettings</c> object in infra/main.bicep: from its
    /// opening line to the closing brace at the same indentation, one <c>Key: value</c> per line.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Bicep()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("infra", "main.bicep"));
        var start = Array.FindIndex(lines, line => line.StartsWith("var appSettings = {", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException("infra/main.bicep has no 'var appSettings = {' block.");
        }
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(start + 1).TakeWhile(line => line != "}"))
        {
            var match = BicepProperty().Match(line);
            if (match.Success)
            {
                settings[match.Groups["key"].Value.Trim('\'')] = match.Groups["value"].Value.Trim();
            }
        }
        return settings;
    }

    /// <summary>The settings host.json's <c>extensions.durableTask</c> chooses, as <c>DurableTask__...</c> app-setting names.</summary>
    public static IReadOnlySet<string> HostJsonDurableTask()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("functions", "LaaWorkflow.Functions", "host.json")));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(document.RootElement.GetProperty("extensions").GetProperty("durableTask"), "DurableTask", names);
        return names;

        static void Collect(JsonElement element, string name, HashSet<string> names)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                names.Add(name);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Collect(property.Value, name + "__" + property.Name, names);
            }
        }
    }

    /// <summary>host.json's <c>extensions.durableTask.hubName</c> as written.</summary>
    public static string? HostJsonHubName()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("functions", "LaaWorkflow.Functions", "host.json")));
        return document.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString();
    }

    /// <summary>A configuration key (<c>A:B:C</c>) in the app-settings form (<c>A__B__C</c>).</summary>
    public static string AppSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    [GeneratedRegex(@"^  (?<key>'[^']+'|[A-Za-z_][A-Za-z0-9_]*):\s*(?<value>.+)$")]
    private static partial Regex BicepProperty();
}
