using System.Globalization;
using System.Net;
using System.Text;

namespace LaaWorkflow.Simulation.Reporting;

/// <summary>The report as one self-contained HTML page: the Markdown figures as text, and inline SVG line charts.</summary>
internal static class HtmlReport
{
    private static readonly string[] s_colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    public static string Write(string markdown, IReadOnlyList<Figures> runs)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>National round simulation</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}svg{background:#fff;border:1px solid #ddd;margin:.5em 0}h2{margin-top:2em}</style></head><body>");
        html.AppendLine("<h1>National round simulation</h1>");
        foreach (var figures in runs)
        {
            var run = figures.Run;
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{run.Hosts} host{(run.Hosts == 1 ? "" : "s")}: {run.Areas} areas in {run.WallSeconds:F0} s</h2>");
            html.AppendLine(Chart("Storage operations per second (5 s average)", "per s",
            [
                ("table", figures.Rate(s => s.Counts.Where(c => c.Key.StartsWith("storage.table.", StringComparison.Ordinal)).Sum(c => c.Value))),
                ("queue", figures.Rate(s => s.Counts.Where(c => c.Key.StartsWith("storage.queue.", StringComparison.Ordinal)).Sum(c => c.Value))),
                ("blob", figures.Rate(s => s.Counts.Where(c => c.Key.StartsWith("storage.blob.", StringComparison.Ordinal)).Sum(c => c.Value))),
            ]));
            html.AppendLine(Chart("Queue depths", "messages",
            [
                ("control queues", run.Samples.Select(s => (s.Seconds, (double)s.ControlQueueDepth)).ToList()),
                ("work items", run.Samples.Select(s => (s.Seconds, (double)s.WorkItemQueueDepth)).ToList()),
            ]));
            html.AppendLine(Chart("CPU, share of one core (5 s average)", "cores",
            [
                .. Enumerable.Range(0, run.Hosts).Select(i => ($"host {i + 1}", figures.Rate(s => s.HostCpuSeconds[i]))),
                ("Azurite", figures.Rate(s => s.AzuriteCpuSeconds)),
            ]));
            html.AppendLine(Chart("Memory", "MB",
            [
                .. Enumerable.Range(0, run.Hosts).Select(i => ($"host {i + 1} RSS", (IReadOnlyList<(double, double)>)run.Samples.Select(s => (s.Seconds, s.HostRssBytes[i] / 1048576.0)).ToList())),
                .. Enumerable.Range(0, run.Hosts).Select(i => ($"host {i + 1} managed heap", (IReadOnlyList<(double, double)>)run.Samples.Select(s => (s.Seconds, s.HostManagedBytes[i] / 1048576.0)).ToList())),
                ("Azurite RSS", run.Samples.Select(s => (s.Seconds, s.AzuriteRssBytes / 1048576.0)).ToList()),
            ]));
            html.AppendLine(Chart("Negotiations finished", "areas",
            [
                ("finished", run.Samples.Select(s => (s.Seconds, (double)s.Finished)).ToList()),
            ]));
        }

        html.AppendLine("<h2>Figures</h2><pre>" + WebUtility.HtmlEncode(markdown) + "</pre>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>A line chart of several series against wall seconds, with its own axes and legend.</summary>
    internal static string Chart(string title, string unit, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        const double width = 900, height = 260, left = 60, right = 170, top = 30, bottom = 35;
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = all.Count == 0 ? 1 : Math.Max(1, all.Max(p => p.X));
        var maxY = all.Count == 0 ? 1 : Math.Max(1e-9, all.Max(p => p.Y)) * 1.05;
        double X(double x) => left + (x / maxX * (width - left - right));
        double Y(double y) => height - bottom - (y / maxY * (height - top - bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#888\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#888\"/>");
        for (var k = 0; k <= 4; k++)
        {
            var y = maxY * k / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 5}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{Format(y)}</text><line x1=\"{left}\" y1=\"{Y(y):F1}\" x2=\"{width - right}\" y2=\"{Y(y):F1}\" stroke=\"#eee\"/>");
            var x = maxX * k / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x):F1}\" y=\"{height - bottom + 15}\" text-anchor=\"middle\">{x:F0} s</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{top + 10}\" transform=\"rotate(-90 12 {top + 10})\" text-anchor=\"end\">{WebUtility.HtmlEncode(unit)}</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var colour = s_colours[i % s_colours.Length];
            var points = string.Join(" ", series[i].Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):F1},{Y(p.Y):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{width - right + 10}\" y=\"{top + (i * 16)}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{width - right + 25}\" y=\"{top + (i * 16) + 9}\">{WebUtility.HtmlEncode(series[i].Name)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Format(double value) => value >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
