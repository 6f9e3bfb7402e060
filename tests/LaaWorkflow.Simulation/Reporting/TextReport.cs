using System.Globalization;
using System.Text;

namespace LaaWorkflow.Simulation.Reporting;

/// <summary>The report as Markdown text: printed to the console and written to report.md.</summary>
internal static class TextReport
{
    public static string Write(SimulationOptions options, IReadOnlyList<Figures> runs, string command)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# National round simulation: {options.Areas} areas, seed {options.Seed}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Memory()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Each run: a private Azurite, the real host binary (Release) on the Durable Task engine (DurableTask.AzureStorage), every negotiation a rehearsal on one calendar at {options.SecondsPerDay:0.###} s per business day,");
        text.AppendLine("outbox email; simulated partners answer through the links in their emails (POST /api/respond/{token}) when the calendar reaches the instant they planned.");
        foreach (var run in runs)
        {
            WriteRun(text, run);
        }

        if (runs.Count == 2)
        {
            var (one, two) = (runs[0].Run, runs[1].Run);
            text.AppendLine();
            text.AppendLine("## One host against two");
            text.AppendLine();
            var ratio = two.WallSeconds <= 0 ? 0 : one.WallSeconds / two.WallSeconds;
            text.AppendLine(CultureInfo.InvariantCulture, $"Wall time {one.WallSeconds:F0} s with one host, {two.WallSeconds:F0} s with two: {ratio:F2}x " +
                $"(load average {one.LoadAverageStart:F1} and {two.LoadAverageStart:F1} at their starts: compare on a quiet machine before trusting the ratio).");
            text.AppendLine(ratio > 1.05
                ? "Two hosts finished faster."
                : $"Two hosts did not finish faster: both share the one Azurite and the machine's {Environment.ProcessorCount} cores, so a second host adds clients, not storage throughput. " +
                    $"With two hosts the bound was {runs[1].Bound()}");
        }

        return text.ToString();
    }

    private static void WriteRun(StringBuilder text, Figures figures)
    {
        var run = figures.Run;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {run.Hosts} host{(run.Hosts == 1 ? "" : "s")}");
        text.AppendLine();
        if (run.Failure is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**The run stopped early:** {run.Failure}");
            text.AppendLine();
        }

        var byPhase = string.Join(", ", run.Results.GroupBy(r => r.ActualPhase).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"- Areas: {run.Areas} ({run.PartnersTotal} partners, {(double)run.PartnersTotal / run.Areas:F1} per area), {run.Partitions} partitions");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Outcomes: {figures.Finished}/{run.Areas} final, **{figures.Matching}/{run.Areas} match** the simulated answers ({byPhase})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Wall time: **{run.WallSeconds:F1} s** for the whole timetable (starting the {run.Areas} negotiations took {run.StartSeconds:F1} s), at {run.SecondsPerDay:0.###} s per business day; the driver looked {run.Steps} times; {run.EmailsFoundLate} emails were stored more than 2 s after their stamp and found only by its catch-up reads");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1 min): {run.LoadAverageStart:F1} at the start, {run.LoadAverageEnd:F1} at the end, on {Environment.ProcessorCount} cores");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Host peak memory (VmHWM): {string.Join(", ", run.HostPeakRssBytes.Select(Mb))}; Azurite peak {Mb(run.AzuritePeakRssBytes)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- CPU over the run: host{(run.Hosts == 1 ? "" : "s")} {string.Join(" + ", run.HostCpuSeconds.Select(c => $"{c:F0} s ({figures.CoreShare(c):P0} of a core)"))}, Azurite {run.AzuriteCpuSeconds:F0} s ({figures.CoreShare(run.AzuriteCpuSeconds):P0}), this driver {run.DriverCpuSeconds:F0} s ({figures.CoreShare(run.DriverCpuSeconds):P0})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Where the driver's time went: {string.Join(", ", run.PhaseSeconds.Select(p => $"{p.Key} {p.Value:F0} s"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Bound: {figures.Bound()}");
        text.AppendLine();
        text.AppendLine("How late things happened against their business instants (real seconds, and business hours at the run's pace):");
        text.AppendLine();
        text.AppendLine("| What | count | median | p99 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        LatenessRow(text, run, "timers (History: TimerFired row saved, less its FireAt)", run.TimerLateness);
        LatenessRow(text, run, "raised events (History: EventRaised row saved, less when it was raised)", run.EventLateness);
        LatenessRow(text, run, "simulated people's actions (driver: acted, less the planned instant)", run.ActionLateness);
        text.AppendLine();
        text.AppendLine("| Work | total | per second | per negotiation |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, figures, "emails sent (outbox)", figures.EmailsSent);
        text.AppendLine();
        text.AppendLine("| Storage operations | total | per second | per negotiation |");
        text.AppendLine("|---|---:|---:|---:|");
        // The kinds in the order the host's metrics list them, so the report needs no list of its own.
        foreach (var (name, total) in run.Counts.Where(c => c.Key.StartsWith("storage.", StringComparison.Ordinal) && c.Value > 0))
        {
            Row(text, figures, name["storage.".Length..], total);
        }

        Row(text, figures, "**all storage operations**", run.StorageTotal);
        text.AppendLine();
        text.AppendLine("Host memory as negotiations completed (RSS / managed heap, all hosts together):");
        text.AppendLine();
        foreach (var (finished, rss, managed) in figures.MemoryByProgress())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {finished} finished: {Mb(rss)} / {Mb(managed)}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Emails by kind: {string.Join(", ", run.Emails.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"What the simulated people did: {string.Join(", ", run.Actions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}.");
        var mismatches = run.Results.Where(r => !r.Matches).ToList();
        if (mismatches.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Outcomes that do not match:");
            text.AppendLine();
            foreach (var r in mismatches.Take(30))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Area} ({r.Id}, fate {r.Fate}): {string.Join("; ", r.Mismatches)}");
            }
        }
    }

    private static void LatenessRow(StringBuilder text, Driving.RunResult run, string label, Measuring.Lateness lateness) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {lateness.Count:N0} | {Late(run, lateness.MedianSeconds)} | {Late(run, lateness.P99Seconds)} | {Late(run, lateness.MaxSeconds)} |");

    private static string Late(Driving.RunResult run, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s ({run.BusinessHours(seconds):F1} h)");

    private static void Row(StringBuilder text, Figures figures, string label, long total) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {total:N0} | {figures.PerSecond(total):F1} | {figures.PerNegotiation(total):F1} |");

    internal static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MB");

    private static string Memory()
    {
        var info = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture, $"{info.TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F0} GiB");
    }
}
