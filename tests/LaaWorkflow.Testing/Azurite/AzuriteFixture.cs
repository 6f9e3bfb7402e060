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
    private readonly List<AzuriteProcess> _processes = [];
    private readonly List<Process> _watchdogs = [];
    private bool _exitHookInstalled;

    /// <summary>The Azurite executable (the repository's pinned install).</summary>
    public string ExecutablePath { get; private set; } = "";

    /// <summary>The folder Azurite keeps its data in; it survives <see cref="StopAsync"/>.</summary>
    public string DataPath { get; private set; } = "";

    /// <summary>
    /// Where Azurite keeps its data. On disk by default, which is what restart tests need; long load runs choose
    /// otherwise (see <see cref="AzuritePersistence"/> for what each choice costs).
    /// </summary>
    public AzuritePersistence Persistence { get; init; }

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

    /// <summary>The exit code of an Azurite process that has exited on its own or been stopped; null while all run.</summary>
    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return _processes.FirstOrDefault(p => p.Process.HasExited)?.Process.ExitCode;
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

    /// <summary>
    /// The running Azurite (Node.js) process ids by the services each serves ("blob, queue, table" for one process, or
    /// one entry per service when split), for measuring CPU and memory.
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return _processes.Where(p => !p.Process.HasExited).ToDictionary(p => p.Services, p => p.Process.Id, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>True while every Azurite process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _processes.Count > 0 && _processes.All(p => !p.Process.HasExited);
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

        foreach (var (services, executable, arguments) in Commands())
        {
            var process = StartProcess(executable, arguments);
            lock (_gate)
            {
                _processes.Add(new AzuriteProcess(services, process));
                if (!_exitHookInstalled)
                {
                    // Backstop: a test run that ends without disposing the fixture must not leave Azurite behind.
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
                    _exitHookInstalled = true;
                }
            }

            StartWatchdog(Environment.ProcessId, process.Id);
        }

        await WaitUntilListeningAsync(cancellationToken);
    }

    /// <summary>The command line of each Azurite process the chosen persistence needs.</summary>
    private IEnumerable<(string Services, string Executable, string[] Arguments)> Commands()
    {
        string[] common = ["--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose"];
        string[] blob = ["--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture)];
        string[] queue = ["--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture)];
        string[] table = ["--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture)];

        // Azurite refuses a data folder together with in-memory persistence.
        string[] onDisk = ["--location", DataPath];
        string[] inMemory = ["--inMemoryPersistence"];
        switch (Persistence)
        {
            case AzuritePersistence.TablesInMemory:
                yield return ("blob", ExecutablePath + "-blob", [.. common, .. blob, .. onDisk]);
                yield return ("queue", ExecutablePath + "-queue", [.. common, .. queue, .. onDisk]);
                yield return ("table", ExecutablePath + "-table", [.. common, .. table, .. inMemory]);
                break;
            default:
                yield return ("blob, queue, table", ExecutablePath, [.. common, .. blob, .. queue, .. table, .. Persistence == AzuritePersistence.Memory ? inMemory : onDisk]);
                break;
        }
    }

    private Process StartProcess(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataPath,
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Azurite did not start from {executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Stops Azurite but keeps its ports and data for <see cref="StartAsync"/>. Azurite saves its databases on an
    /// interval, so it is asked to stop (SIGTERM) and saves on the way out; if it has not exited within the deadline
    /// its whole process tree is killed.
    /// </summary>
    public Task StopAsync() => StopCoreAsync(graceful: true);

    private async Task StopCoreAsync(bool graceful)
    {
        List<Process> processes;
        lock (_gate)
        {
            processes = [.. _processes.Select(p => p.Process)];
            _processes.Clear();
        }

        if (processes.Count == 0)
        {
            return;
        }

        StopWatchdogs();
        await Task.WhenAll(processes.Select(p => StopProcessAsync(p, graceful)));

        // The port must be free again before anyone restarts on it.
        await WaitUntilClosedAsync();
    }

    private static async Task StopProcessAsync(Process process, bool graceful)
    {
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

    /// <summary>Stops this Azurite when <paramref name="ownerPid"/> exits instead of when the test process does (for tests of the watchdog).</summary>
    internal void WatchOwner(int ownerPid)
    {
        List<int> azuritePids;
        lock (_gate)
        {
            azuritePids = [.. _processes.Select(p => p.Process.Id)];
        }

        if (azuritePids.Count == 0)
        {
            throw new InvalidOperationException("Azurite is not running.");
        }

        StopWatchdogs();
        foreach (var pid in azuritePids)
        {
            StartWatchdog(ownerPid, pid);
        }
    }

    /// <summary>
    /// A killed test host (a hang ended by SIGKILL) never runs its exit handlers; this small shell process outlives it
    /// and stops Azurite once the test process is gone, so no emulator is left behind holding ports and memory.
    /// </summary>
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
        var watchdog = Process.Start(start);
        if (watchdog is not null)
        {
            lock (_gate)
            {
                _watchdogs.Add(watchdog);
            }
        }
    }

    private void StopWatchdogs()
    {
        List<Process> watchdogs;
        lock (_gate)
        {
            watchdogs = [.. _watchdogs];
            _watchdogs.Clear();
        }

        foreach (var watchdog in watchdogs)
        {
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
    }

    private void Kill()
    {
        StopWatchdogs();
        List<Process> processes;
        lock (_gate)
        {
            processes = [.. _processes.Select(p => p.Process)];
        }

        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port, cancellationToken))
            {
                if (ExitCode is { } exitCode)
                {
                    string output;
                    lock (_output)
                    {
                        output = _output.ToString();
                    }

                    throw new InvalidOperationException(
                        $"Azurite exited with code {exitCode} before listening on port {port}. Its output:\n{output}");
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

    /// <summary>One Azurite process and the services it serves ("table", or "blob, queue, table").</summary>
    private sealed record AzuriteProcess(string Services, Process Process);
}
