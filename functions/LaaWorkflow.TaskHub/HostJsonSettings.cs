using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// The engine settings the Functions app's <c>host.json</c> chooses in <c>extensions.durableTask</c>, for the local
/// task hub to start from: one place sets them for Durable Functions in Azure and for every local host (the app, tests,
/// the demo, the simulation, the benchmarks). The <c>DurableTask</c> configuration section overrides them.
/// </summary>
internal static class HostJsonSettings
{
    private static readonly Lazy<IConfiguration> s_durableTask = new(Load);

    /// <summary>host.json's <c>extensions.durableTask</c>, as a configuration whose root is that section.</summary>
    public static IConfiguration DurableTask => s_durableTask.Value;

    /// <summary>Sets <paramref name="options"/> from host.json, failing on a key the options do not have (a typo would otherwise be ignored).</summary>
    public static void Apply(TaskHubOptions options) => DurableTask.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);

    private static IConfiguration Load()
    {
        using var stream = typeof(HostJsonSettings).Assembly.GetManifestResourceStream("host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in LaaWorkflow.TaskHub.");
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("durableTask", out var durableTask))
        {
            Flatten(durableTask, prefix: null, values);
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, string?> values)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix is null ? property.Name : prefix + ":" + property.Name, values);
            }

            return;
        }

        // A value that names an app setting (hubName: "%TaskHubName%") is chosen per deployment, not here: the local host
        // takes it from its own DurableTask section.
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 2 } text && text[0] == '%' && text[^1] == '%')
        {
            return;
        }

        values[prefix!] = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => element.GetRawText(),
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"host.json extensions.durableTask.{prefix} is {element.ValueKind}; only objects, strings, numbers and booleans are settings.")),
        };
    }
}
