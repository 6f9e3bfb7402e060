namespace LaaWorkflow.Simulation.Measuring;

/// <summary>One look at the whole system, about once a second.</summary>
/// <param name="Seconds">Wall seconds since the timed run began.</param>
/// <param name="BusinessTime">The round's calendar when the driver last looked.</param>
/// <param name="Counts">Storage counters summed over the hosts (names as /api/dev/metrics gives them, prefixed <c>storage.</c>).</param>
/// <param name="HostCpuSeconds">Each host's CPU seconds so far.</param>
/// <param name="HostRssBytes">Each host's resident memory.</param>
/// <param name="HostManagedBytes">Each host's managed heap.</param>
/// <param name="AzuriteCpuSeconds">Azurite's CPU seconds so far.</param>
/// <param name="AzuriteRssBytes">Azurite's resident memory.</param>
/// <param name="ControlQueueDepth">Messages in every control queue together.</param>
/// <param name="WorkItemQueueDepth">Messages in the work-item queue.</param>
/// <param name="Finished">Negotiations the driver has seen end.</param>
/// <param name="LoadAverage">The machine's 1-minute load average.</param>
internal sealed record Sample(
    double Seconds,
    DateTimeOffset BusinessTime,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<double> HostCpuSeconds,
    IReadOnlyList<long> HostRssBytes,
    IReadOnlyList<long> HostManagedBytes,
    double AzuriteCpuSeconds,
    long AzuriteRssBytes,
    int ControlQueueDepth,
    int WorkItemQueueDepth,
    int Finished,
    double LoadAverage);
