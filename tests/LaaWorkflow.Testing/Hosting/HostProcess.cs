using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LaaWorkflow.Testing.Hosting;

/// <summary>
/// The real local host (the built <c>LaaWorkflow.LocalHost.dll</c>) as a child process: its own port, the
/// Azure Storage durable backend on a given Azurite, a virtual clock, outbox email and the dev routes. Used where a
/// test or a command must kill, restart or measure a host exactly as an operator would meet it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private StreamWriter? _log;

    private HostProcess(Process process, Uri url, string adminKey, StreamWriter? log)
    {
        _process = process;
        Url = url;
        AdminKey = adminKey;
        _log = log;
    }

    /// <summary>Where the host listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    public string AdminKey { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote (stdout and stderr), for failure messages.</summary>
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

    /// <summary>
    /// Starts a host and waits until <c>/api/health</c> answers 200. <paramref name="settings"/> are the host's
    /// configuration as environment variables (<c>Section__Key</c>); they override the defaults chosen here.
    /// </summary>
    public static async Task<HostProcess> StartAsync(HostProcessSettings settings, CancellationToken cancellationToken = default)
    {
        var port = settings.Port ?? FreePorts.PickOne();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var root = AzuriteLocator.FindRepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(settings.HostDll ?? LocateBuiltHost(root));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(root, "functions", "LaaWorkflow.LocalHost"));
        foreach (var (key, value) in DefaultEnvironment(settings, url))
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in settings.Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var log = settings.LogFile is null ? null : new StreamWriter(settings.LogFile, append: true) { AutoFlush = true };
        var host = new HostProcess(process, url, settings.AdminKey, log);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("The host process did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(settings.StartTimeout, cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The host binary built next to the caller's configuration (Release before Debug).</summary>
    public static string LocateBuiltHost(string root)
    {
        var bin = Path.Combine(root, "functions", "LaaWorkflow.LocalHost", "bin");
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var dll = Path.Combine(bin, configuration, "net10.0", "LaaWorkflow.LocalHost.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException(
            $"The local host is not built under {bin}. Run `dotnet build -c Release` in the repository root first.");
    }

    /// <summary>Kills the host at once (SIGKILL): no shutdown code runs, leases and locks are left to expire.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Peak resident memory of the host so far (VmHWM from /proc), or null where /proc is not available.</summary>
    public long? PeakResidentBytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (_process.HasExited || !File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_output)
        {
            // Under the lock, and forgotten: a line read after the kill must not reach a closed file.
            _log?.Dispose();
            _log = null;
        }
    }

    private static Dictionary<string, string> DefaultEnvironment(HostProcessSettings settings, Uri url) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
        ["AzureWebJobsStorage"] = settings.StorageConnectionString,
        ["Host__AdminKeys"] = settings.AdminKey,
        ["Host__DevRoutes"] = "true",
        ["Host__AnswerRequestsPerMinute"] = "1000000",
        // Rehearsals run on a fast calendar, so a timer or answer must not wait a whole polling interval.
        ["Rehearsals__Enabled"] = "true",
        ["DurableTask__HubName"] = settings.HubName,
        ["DurableTask__StorageProvider__MaxQueuePollingInterval"] = "00:00:00.100",
        ["Email__Transport"] = "Outbox",
        ["Email__PublicBaseUrl"] = url.ToString().TrimEnd('/'),
        ["Email__Tokens__ActiveKeyId"] = "test",
        ["Email__Tokens__Keys__test"] = settings.TokenKey,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One slow answer while starting; ask again.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The host at {Url} was not healthy within {timeout}:\n{Output}");
            }

            try
            {
                await Task.Delay(300, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The host at {Url} was not healthy within {timeout}:\n{Output}");
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a long run must not hold its whole log in memory.
            if (_output.Length > 64_000)
            {
                _output.Remove(0, _output.Length - 32_000);
            }

            _output.AppendLine(line);
            _log?.WriteLine(line);
        }
    }
}
