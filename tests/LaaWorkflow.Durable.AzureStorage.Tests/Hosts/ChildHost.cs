using System.Diagnostics;
using System.Text;
using LaaWorkflow.Durable.AzureStorage.TestHost;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hosts;

/// <summary>
/// A worker host in its own process (the TestHost project), so a test can kill it with SIGKILL exactly as a crashed
/// machine would stop: no finally blocks, no lease release, messages left hidden.
/// </summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildHost(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildHost Start(string connectionString, string hub, string worker, string? crash = null, string? run = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(HostAssemblyPath());
        start.Environment["LAA_CONNECTION"] = connectionString;
        start.Environment["LAA_HUB"] = hub;
        start.Environment["LAA_WORKER"] = worker;
        start.Environment["LAA_RUN"] = run ?? worker;
        start.Environment["LAA_MAX_SECONDS"] = "240";
        if (crash is not null)
        {
            start.Environment["LAA_CRASH"] = crash;
        }

        return new ChildHost(Process.Start(start) ?? throw new InvalidOperationException("The child host did not start."));
    }

    /// <summary>Waits for the host to end by itself (a crash point); false if it still runs at the deadline.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL, as an operating system kills a process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The TestHost's own build output (with its runtime config), next to this test assembly's.</summary>
    private static string HostAssemblyPath()
    {
        var name = typeof(Workload).Assembly.GetName().Name!;
        var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(testBin);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
        var testsRoot = Path.GetFullPath(Path.Combine(testBin, "..", "..", "..", ".."));
        var path = Path.Combine(testsRoot, name, "bin", configuration, tfm, name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {name} first; expected it at {path}.");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length > 20_000)
            {
                _output.Remove(0, 10_000);
            }

            _output.AppendLine(line);
        }
    }
}
