using LaaWorkflow.Simulation.Measuring;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>Everything one run (one host count) measured and found.</summary>
internal sealed record RunResult(
    int Hosts,
    int Areas,
    int PartnersTotal,
    int Partitions,
    double WallSeconds,
    double StartSeconds,
    IReadOnlyList<Sample> Samples,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, long> Emails,
    IReadOnlyDictionary<string, long> Actions,
    IReadOnlyList<AreaResult> Results,
    IReadOnlyList<long> HostPeakRssBytes,
    long AzuritePeakRssBytes,
    IReadOnlyList<double> HostCpuSeconds,
    double AzuriteCpuSeconds,
    IReadOnlyDictionary<string, double> AzuriteCpuSecondsByProcess,
    double DriverCpuSeconds,
    double LoadAverageStart,
    double LoadAverageEnd,
    int Steps,
    int EmailsFoundLate,
    IReadOnlyDictionary<string, double> PhaseSeconds,
    double SecondsPerDay,
    Lateness TimerLateness,
    Lateness EventLateness,
    Lateness ActionLateness,
    string? Failure)
{
    public bool AllMatch => Failure is null && Results.Count == Areas && Results.All(r => r.Matches);

    public long Count(string name) => Counts.GetValueOrDefault(name);

    /// <summary>A real duration in business hours at the run's pace.</summary>
    public double BusinessHours(double realSeconds) => realSeconds * (86_400 / SecondsPerDay) / 3600;

    public long StorageTotal => Counts.Where(c => c.Key.StartsWith("storage.", StringComparison.Ordinal)).Sum(c => c.Value);
}
