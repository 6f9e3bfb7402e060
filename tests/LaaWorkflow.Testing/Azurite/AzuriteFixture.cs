using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace LaaWorkflow.Testing;

/// <summary>
/// A private Azurite (blob, queue and table) on free 127.0.0.1 ports, started from the repository's pinned
/// <c>node_modules/.bin/azurite</c> and stopped by its own process id. Data lives in a temporary folder so that
/// <see cref="StopAsync"/> followed by <see cref="StartAsync"/> keeps everything stored.
/// </summary>
/// <remarks>
/// xunit v2 only sees collection definitions declared in the test assembly itself, so each test project that needs
/// Azurite declares, once:
/// <code>[CollectionDefinition("azurite")] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</code>
/// and marks its test classes <c>[Collection("azurite")]</c>, taking <see cref="AzuriteFixture"/> in the constructor.
/// Tests share the one Azurite, so each test makes its own names with <see cref="NewTableName"/>,
/// <see cref="NewQueueName"/> or <see cref="NewContainerName"/>.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The well-known development storage account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known, public development storage account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static int s_nameCounter;

    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private Process? _process;
    private Process? _watchdog;
    private bool _exitHookInstalled;

    /// <summary>The Azurite executable (the repository's pinned install).</summary>
    public string ExecutablePath { get; private set; } = "";

    /// <summary>The folder Azurite keeps its data in; it survives <see cref="StopAsync"/>.</summary>
    public string DataPath { get; private set; } = "";

    /// <summary>
    /// Keeps Azurite's data in memory only. By default Azurite saves its whole database to disk every few seconds,
    /// which costs more CPU the more data it holds; a long load run sets this to measure our code rather than those
    /// saves. A stop then loses the data, so restart tests leave it off.
    /// </summary>
    public bool InMemoryPersistence { get; init; }

    /// <summary>The last lines Azurite wrote to its console (a crash explains itself here).</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Azurite's exit code once it has exited on its own or been stopped; null while it runs.</summary>
    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: true } p ? p.ExitCode : null;
            }
        }
    }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A storage connection string with explicit endpoints and the development account key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>The Azurite (Node.js) process id while it runs, for measuring its CPU and memory.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } running ? running.Id : null;
            }
        }
    }

    /// <summary>True while the Azurite process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>A table name no other test uses (letters and digits, starting with a letter).</summary>
    public static string NewTableName(string prefix = "t") => UniqueName(prefix);

    /// <summary>A queue name no other test uses.</summary>
    public static string NewQueueName(string prefix = "q") => UniqueName(prefix);

    /// <summary>A blob container name no other test uses.</summary>
    public static string NewContainerName(string prefix = "c") => UniqueName(prefix);

    /// <summary>Picks free ports and a data folder, then starts Azurite and waits until all three ports answer.</summary>
    public async Task InitializeAsync()
    {
        ExecutablePath = AzuriteLocator.FindExecutable();
        DataPath = Path.Combine(Path.GetTempPath(), "laaworkflow-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        (BlobPort, QueuePort, TablePort) = FreePorts.Pick3();
        await StartAsync();
    }

    /// <summary>Starts Azurite again on the same ports and data folder (after <see cref="StopAsync"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataPath,
        };
        foreach (var argument in new[]
        {
            "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Azurite refuses a data folder together with in-memory persistence.
        start.ArgumentList.Add(InMemoryPersistence ? "--inMemoryPersistence" : "--location");
        if (!InMemoryPersistence)
        {
            start.ArgumentList.Add(DataPath);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Azurite did not start from {ExecutablePath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
            if (!_exitHookInstalled)
            {
                // Backstop: a test run that ends without disposing the fixture must not leave Azurite behind.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
                _exitHookInstalled = true;
            }
        }

        StartWatchdog(process.Id);
        await WaitUntilListeningAsync(process, cancellationToken);
    }

    /// <summary>
    /// Stops Azurite but keeps its ports and data for <see cref="StartAsync"/>. Azurite saves its databases on an
    /// interval, so it is asked to stop (SIGTERM) and saves on the way out; if it has not exited within the deadline
    /// its whole process tree is killed.
    /// </summary>
    public Task StopAsync() => StopCoreAsync(graceful: true);

    private async Task StopCoreAsync(bool graceful)
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        StopWatchdog();
        using (process)
        {
            if (graceful && !process.HasExited && !OperatingSystem.IsWindows())
            {
                using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (signal is not null)
                {
                    await signal.WaitForExitAsync();
                }

                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time; the kill below ends it.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        // The port must be free again before anyone restarts on it.
        await WaitUntilClosedAsync();
    }

    /// <summary>Stops and starts Azurite on the same ports, keeping its data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Stops Azurite and deletes its data folder.</summary>
    public async Task DisposeAsync()
    {
        // The data is deleted next, so there is nothing to save: kill at once.
        await StopCoreAsync(graceful: false);
        try
        {
            if (Directory.Exists(DataPath))
            {
                Directory.Delete(DataPath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test run over it is not.
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private static string UniqueName(string prefix)
    {
        if (prefix.Length == 0 || !char.IsAsciiLetterLower(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit) || prefix.Any(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A name prefix is lowercase ASCII letters and digits, starting with a letter.", nameof(prefix));
        }

        var counter = Interlocked.Increment(ref s_nameCounter);
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{counter}x{Guid.NewGuid():N}");
        return name.Length > 40 ? name[..40] : name;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep only the tail: it explains an early exit without growing forever.
            if (_output.Length > 8_000)
            {
                _output.Remove(0, _output.Length - 4_000);
            }

            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// A killed test host (a hang ended by SIGKILL) never runs its exit handlers; this small shell process outlives it
    /// and stops Azurite once the test process is gone, so no emulator is left behind holding ports and memory.
    /// </summary>
    private void StartWatchdog(int azuritePid) => StartWatchdog(Environment.ProcessId, azuritePid);

    /// <summary>Stops this Azurite when <paramref name="ownerPid"/> exits instead of when the test process does (for tests of the watchdog).</summary>
    internal void WatchOwner(int ownerPid)
    {
        int azuritePid;
        lock (_gate)
        {
            azuritePid = _process?.Id ?? throw new InvalidOperationException("Azurite is not running.");
        }

        StopWatchdog();
        StartWatchdog(ownerPid, azuritePid);
    }

    private void StartWatchdog(int ownerPid, int azuritePid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; kill -TERM \"$2\" 2>/dev/null";
        var start = new ProcessStartInfo("/bin/sh", ["-c", script, "azurite-watchdog", ownerPid.ToString(CultureInfo.InvariantCulture), azuritePid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        };
        lock (_gate)
        {
            _watchdog = Process.Start(start);
        }
    }

    private void StopWatchdog()
    {
        Process? watchdog;
        lock (_gate)
        {
            watchdog = _watchdog;
            _watchdog = null;
        }

        if (watchdog is null)
        {
            return;
        }

        using (watchdog)
        {
            try
            {
                if (!watchdog.HasExited)
                {
                    watchdog.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private void Kill()
    {
        StopWatchdog();
        Process? process;
        lock (_gate)
        {
            process = _process;
        }

        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port, cancellationToken))
            {
                if (process.HasExited)
                {
                    string output;
                    lock (_output)
                    {
                        output = _output.ToString();
                    }

                    throw new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} before listening on port {port}. Its output:\n{output}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    Kill();
                    throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {StartDeadline.TotalSeconds} s.");
                }

                // Polling a socket for readiness; the loop ends on the condition or the deadline above.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private async Task WaitUntilClosedAsync()
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (await AnswersAsync(port, CancellationToken.None))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Something still listens on 127.0.0.1:{port} after Azurite stopped.");
                }

                await Task.Delay(50);
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
