namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>Names of the non-HTTP functions; each is a folder under FunctionApp/ holding its function.json.</summary>
internal static class FunctionNames
{
    public const string Maintenance = "Maintenance";
}
