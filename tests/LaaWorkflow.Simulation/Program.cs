// The national-scale simulation command; see scripts/simulate.sh.
using System.Text.Json;
using LaaWorkflow.Simulation;

SimulationOptions options;
try
{
    options = SimulationOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    var report = await NationalSimulation.RunAsync(options, Console.Out, stop.Token);
    Console.WriteLine();
    Console.WriteLine(report.Markdown);
    Directory.CreateDirectory(options.OutputFolder);
    await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "report.md"), report.Markdown);
    await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "report.html"), report.Html);
    await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "report.json"), JsonSerializer.Serialize(report.Runs, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    Console.WriteLine($"Reports written to {Path.GetFullPath(options.OutputFolder)} (report.md, report.html, report.json).");
    if (!report.Passed)
    {
        await Console.Error.WriteLineAsync("FAILED: not every negotiation ended as the simulated answers imply (see the report).");
        return 1;
    }

    Console.WriteLine("PASSED: every negotiation is final and matches the simulated answers.");
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
