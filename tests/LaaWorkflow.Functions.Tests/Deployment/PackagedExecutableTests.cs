using System.Diagnostics;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// The published worker started as the Functions host would start it, but without the host: it must load (every
/// assembly it needs is in the package, its services register) and then stop, saying it has no host to talk to,
/// rather than run as something it is not.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class PackagedExecutableTests(PublishedPackage package)
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_StartedWithoutTheFunctionsHost_StopsAskingForTheHostsEndpoint()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(package.Folder, "LaaWorkflow.Functions.dll")])
        {
            WorkingDirectory = package.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in AppSettings.Sample())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The worker was still running after {s_deadline} without a Functions host.");
        }
        var output = await stdout + await stderr;

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("HostEndpoint", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FileNotFoundException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not load file or assembly", output, StringComparison.Ordinal);
    }
}
