using System.Text.Json;

namespace LaaWorkflow.LocalHost.Hosting;

/// <summary>
/// Reads <c>local.settings.json</c> the way Azure Functions Core Tools does: its <c>Values</c>
/// become settings, with <c>__</c> as the section separator. Environment variables still win.
/// </summary>
internal static class LocalSettings
{
    public static ConfigurationManager AddLocalSettings(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var path = Path.Combine(environment.ContentRootPath, "local.settings.json");
        if (!File.Exists(path))
        {
            return configuration;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }
        configuration.AddInMemoryCollection(values);
        configuration.AddEnvironmentVariables();
        return configuration;
    }
}
