using System.Text.Json.Serialization;

namespace LaaWorkflow.Functions.CustomHandler.Payloads;

/// <summary>
/// The answer the Azure Functions host expects back: <c>Outputs</c> keyed by output binding name,
/// <c>Logs</c> shown in the invocation log (Application Insights in Azure), and <c>ReturnValue</c>
/// for a <c>$return</c> binding. The keys are PascalCase on the wire, as the host reads them.
/// </summary>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    /// <summary>An answer with no outputs, only log lines.</summary>
    public static InvocationResponse LogsOnly(IReadOnlyList<string> logs) =>
        new(new Dictionary<string, object?>(), logs, null);
}
