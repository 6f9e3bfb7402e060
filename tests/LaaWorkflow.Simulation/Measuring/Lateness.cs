namespace LaaWorkflow.Simulation.Measuring;

/// <summary>How late something happened against the instant it was due: median, 99th percentile and worst, in real seconds.</summary>
internal sealed record Lateness(int Count, double MedianSeconds, double P99Seconds, double MaxSeconds)
{
    public static Lateness Of(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0
            ? new Lateness(0, 0, 0, 0)
            : new Lateness(sorted.Length, At(sorted, 0.5), At(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile.</summary>
    private static double At(double[] sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
