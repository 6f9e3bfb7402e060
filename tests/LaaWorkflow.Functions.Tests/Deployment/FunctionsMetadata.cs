using System.Text.Json;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>One function of the published <c>functions.metadata</c>, the file the Functions host indexes the worker by.</summary>
internal sealed record FunctionsMetadata(string Name, string EntryPoint, IReadOnlyList<JsonElement> Bindings)
{
    public JsonElement Trigger => Bindings.Single(b => Type(b).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public string TriggerType => Type(Trigger);

    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public string Route => Trigger.TryGetProperty("route", out var route) ? route.GetString() ?? Name : Name;

    public string AuthLevel => Trigger.TryGetProperty("authLevel", out var level) ? level.GetString() ?? "" : "";

    public IReadOnlyList<string> Methods => Trigger.TryGetProperty("methods", out var methods)
        ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
        : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;

    /// <summary>Every function in <c>functions.metadata</c> under <paramref name="folder"/>.</summary>
    public static IReadOnlyList<FunctionsMetadata> ReadAll(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "functions.metadata")));
        return [.. document.RootElement.EnumerateArray().Select(function => new FunctionsMetadata(
            function.GetProperty("name").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())]))];
    }
}
