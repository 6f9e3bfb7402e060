namespace LaaWorkflow.LocalHost.Management;

/// <summary>
/// The orchestrator names this host runs: starting any other through the management API would leave an instance
/// that can only fail. The SDK's registry does not say what it holds, so the host lists its names here.
/// </summary>
internal sealed class KnownOrchestrators(IEnumerable<string> names)
{
    private readonly HashSet<string> _names = new(names, StringComparer.Ordinal);

    public bool Contains(string name) => _names.Contains(name);
}
