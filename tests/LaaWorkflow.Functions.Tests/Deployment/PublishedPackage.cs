using System.Diagnostics;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// Runs scripts/publish.sh once for the test class into a private folder, so the layout tests look at
/// exactly what a deployment would upload. The publish keeps its intermediate files in that folder,
/// away from the build the tests themselves run from.
/// </summary>
public sealed class PublishedPackage : IDisposable
{
    private static readonly TimeSpan s_publishDeadline = TimeSpan.FromMinutes(10);
    private readonly string _output;

    public PublishedPackage()
    {
        _output = Path.Combine(Path.GetTempPath(), "laa-package-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("bash", [RepositoryRoot.Combine("scripts", "publish.sh"), _output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_publishDeadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/publish.sh did not finish within {s_publishDeadline}.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/publish.sh failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
        Folder = Path.Combine(_output, "package");
        Zip = Path.Combine(_output, "laaworkflow-functionapp.zip");
    }

    /// <summary>The folder the Functions host runs (host.json at its root).</summary>
    public string Folder { get; }

    /// <summary>The zip the deploy script uploads.</summary>
    public string Zip { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed cleanup must not fail the run.
        }
    }
}

/// <summary>The test classes that look at the package share one publish.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackage>
{
    public const string Name = "Published package";
}
