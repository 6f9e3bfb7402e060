using System.Diagnostics;
using System.Globalization;
using LaaWorkflow.AzureStorage.Tables;

namespace LaaWorkflow.Durable.AzureStorage.TestHost;

/// <summary>
/// Deterministic crash injection: <c>LAA_CRASH=point:n</c> kills this process (SIGKILL, no cleanup) the n-th time
/// <paramref name="point"/> is reached. Before dying it records the crash, so the test can prove it happened.
/// </summary>
public sealed class CrashPoints(string? spec, TableClient crashes, string runId)
{
    private readonly string? _point = spec?.Split(':')[0];
    private readonly int _occurrence = spec is null ? 0 : int.Parse(spec.Split(':')[1], CultureInfo.InvariantCulture);
    private int _count;

    public async Task HitAsync(string point)
    {
        if (point != _point || Interlocked.Increment(ref _count) != _occurrence)
        {
            return;
        }

        await crashes.UpsertEntityAsync(new TableEntity("crash", runId) { ["Point"] = spec! });
        Console.Out.WriteLine($"crashing at {spec}");
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
