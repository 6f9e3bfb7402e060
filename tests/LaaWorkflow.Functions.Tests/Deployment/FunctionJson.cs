using System.Text.Json;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>One function folder's function.json, read the way the Functions host reads it.</summary>
internal sealed record FunctionJson(string Name, IReadOnlyList<JsonElement> Bindings)
{
    public JsonElement Trigger => Bindings.Single(b => Type(b).EndsWith("Trigger", StringComparison.Ordinal));

    public bool IsHttp => Type(Trigger) == "httpTrigger";

    public string Route => Trigger.TryGetProperty("route", out var route) ? route.GetString() ?? Name : Name;

    public IReadOnlyList<string> Methods => Trigger.TryGetProperty("methods", out var methods)
        ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
        : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;

    /// <summary>Every function folder under <paramref name="root"/>: each subfolder holding a function.json.</summary>
    public static IReadOnlyList<FunctionJson> ReadAll(string root) =>
        [.. Directory.GetDirectories(root)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Order(StringComparer.Ordinal)
            .Select(folder =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
                var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList();
                return new FunctionJson(Path.GetFileName(folder), bindings);
            })];
}
