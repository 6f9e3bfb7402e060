namespace LaaWorkflow.Web.Hosting;

/// <summary>The host's own settings, bound from the <c>Host</c> configuration section.</summary>
internal sealed class FunctionHostOptions
{
    public const string Section = "Host";

    /// <summary>Admin keys accepted in <c>x-functions-key</c> or <c>code</c>, separated by <c>;</c> so one environment variable can carry several during a rotation.</summary>
    public string AdminKeys { get; set; } = "";

    /// <summary>Turns on /api/dev/*: the outbox reader and the virtual clock controls. Never on in production.</summary>
    public bool DevRoutes { get; set; }

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Answers a single client may post per minute on the public answer routes.</summary>
    public int AnswerRequestsPerMinute { get; set; } = 30;

    public IReadOnlyList<string> AdminKeyList =>
        AdminKeys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
