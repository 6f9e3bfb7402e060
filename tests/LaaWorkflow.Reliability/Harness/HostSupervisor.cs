using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Hosting;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// The hosts of one run and the Azurite they share: starts them, kills and restarts them on the same port and worker
/// id (so answer links already emailed keep working and a restarted host takes its own partition leases back at
/// once), stops and restarts storage, and holds the driver while a host or storage is down.
/// </summary>
internal sealed class HostSupervisor : IAsyncDisposable
{
    public const string HubName = "Reliability";
    private const int PartitionCount = 4;

    private readonly AzuriteFixture _azurite;
    private readonly QueueProxy? _proxy;
    private readonly List<HostSlot> _slots = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _up = NewSignal(completed: true);
    private int _down;

    private HostSupervisor(AzuriteFixture azurite, QueueProxy? proxy)
    {
        _azurite = azurite;
        _proxy = proxy;
    }

    public AzuriteFixture Azurite => _azurite;

    /// <summary>The queue proxy the hosts reach their queues through, when the run has one.</summary>
    public QueueProxy? Proxy => _proxy;

    /// <summary>The first host: the one the driver talks to.</summary>
    public Uri BaseUrl => _slots[0].Url;

    public string AdminKey => _slots[0].Settings.AdminKey;

    public string TokenKey => _slots[0].Settings.TokenKey;

    /// <summary>How many host kills this supervisor has made.</summary>
    public int Kills { get; private set; }

    /// <summary>
    /// Starts a private Azurite (on disk, so it can be stopped and started again) and <paramref name="hosts"/> hosts
    /// sharing one task hub on it; with <paramref name="proxy"/> the hosts' queue endpoint is a <see cref="QueueProxy"/>.
    /// </summary>
    public static async Task<HostSupervisor> StartAsync(int hosts, CancellationToken cancellationToken, QueueProxyOptions? proxy = null)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var queues = proxy is null ? null : await QueueProxy.StartAsync(azurite.QueueEndpoint, proxy, cancellationToken);
        var supervisor = new HostSupervisor(azurite, queues);
        try
        {
            var connectionString = queues is null
                ? azurite.ConnectionString
                : azurite.ConnectionString.Replace($"QueueEndpoint={azurite.QueueEndpoint};", $"QueueEndpoint={queues.Endpoint};", StringComparison.Ordinal);
            for (var i = 0; i < hosts; i++)
            {
                var port = FreePorts.PickOne();
                var publicUrl = supervisor._slots.Count > 0 ? supervisor._slots[0].Url : new Uri($"http://127.0.0.1:{port}/");
                var slot = new HostSlot(i == 0 ? "primary" : $"host{i + 1}", port, publicUrl, connectionString);
                supervisor._slots.Add(slot);
                await slot.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await supervisor.DisposeAsync();
            throw;
        }

        return supervisor;
    }

    /// <summary>SIGKILLs host <paramref name="index"/>; with <paramref name="restart"/> starts it again where it was.</summary>
    public async Task KillAsync(int index, bool restart, CancellationToken cancellationToken)
    {
        var slot = _slots[index];
        // Only the first host serves the driver; the driver need not wait for any other.
        var holdsDriver = index == 0;
        if (holdsDriver)
        {
            MarkDown();
        }

        try
        {
            await slot.KillAsync();
            Kills++;
            if (restart)
            {
                await slot.StartAsync(cancellationToken);
            }
        }
        finally
        {
            if (holdsDriver)
            {
                MarkUp();
            }
        }
    }

    /// <summary>Stops Azurite (the driver is held meanwhile); <see cref="EndOutageAsync"/> brings it back on the same data.</summary>
    public async Task BeginOutageAsync()
    {
        MarkDown();
        await _azurite.StopAsync();
    }

    public async Task EndOutageAsync()
    {
        await _azurite.StartAsync();
        MarkUp();
    }

    /// <summary>Returns once nothing the supervisor brought down is still down.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        Task up;
        lock (_gate)
        {
            up = _up.Task;
        }

        return up.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until the task hub holds no running, pending or suspended instance (the orchestrations finish a moment
    /// after the last phase shows; work a dead host held comes back once its messages are visible again).
    /// </summary>
    public async Task WaitForInstancesToFinishAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await WaitReadyAsync(cancellationToken);
            try
            {
                if (await CountUnfinishedAsync(http, cancellationToken) == 0)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A host restarting; ask again.
            }

            // Poll interval of the condition above, not a wait for an outcome.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Instances of the hub still running, pending or suspended, from the management API.</summary>
    public static async Task<int> CountUnfinishedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var instances = await http.GetFromJsonAsync<JsonNode>(
            "runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending,Suspended&top=1000", cancellationToken);
        return (instances as JsonArray ?? []).Count(i => !(i?["instanceId"]?.GetValue<string>() ?? "").StartsWith('@'));
    }

    /// <summary>The task hub's control and work-item queue names.</summary>
    public static IReadOnlyList<string> HubQueues() =>
    [
        .. Enumerable.Range(0, PartitionCount).Select(p => $"{HubName.ToLowerInvariant()}-control-{p.ToString("D2", CultureInfo.InvariantCulture)}"),
        $"{HubName.ToLowerInvariant()}-workitems",
    ];

    /// <summary>The last lines of every host's log, for failure notes.</summary>
    public string HostOutput() => string.Join("\n", _slots.Select(s => $"--- {s.Name}\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots)
        {
            await slot.KillAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private void MarkDown()
    {
        lock (_gate)
        {
            if (_down++ == 0)
            {
                _up = NewSignal(completed: false);
            }
        }
    }

    private void MarkUp()
    {
        lock (_gate)
        {
            if (--_down == 0)
            {
                _up.TrySetResult();
            }
        }
    }

    /// <summary>One host's place: its name (also its worker id, the owner name of its leases), port and current process.</summary>
    /// <remarks>Every host writes links to the first host's address: partners meet one public address, whichever host emailed them.</remarks>
    private sealed class HostSlot(string name, int port, Uri publicUrl, string connectionString)
    {
        private HostProcess? _process;
        private string _lastOutput = "";

        public string Name { get; } = name;

        public Uri Url { get; } = new($"http://127.0.0.1:{port}/");

        public HostProcessSettings Settings { get; } = Create(name, port, publicUrl, connectionString);

        public string Output => _process?.Output ?? _lastOutput;

        public async Task StartAsync(CancellationToken cancellationToken) => _process = await HostProcess.StartAsync(Settings, cancellationToken);

        public async Task KillAsync()
        {
            if (_process is not null)
            {
                _lastOutput = _process.Output;
                await _process.DisposeAsync();
                _process = null;
            }
        }

        private static HostProcessSettings Create(string name, int port, Uri publicUrl, string connectionString) => new()
        {
            StorageConnectionString = connectionString,
            HubName = HubName,
            Port = port,
            // A loaded machine may take a while to start a host; a kill must not fail the run for that.
            StartTimeout = TimeSpan.FromMinutes(3),
            Environment = new Dictionary<string, string>
            {
                // The same worker id after a restart: the host's partition leases are its own again at once.
                ["DurableTask__WorkerId"] = name,
                ["Email__PublicBaseUrl"] = publicUrl.ToString().TrimEnd('/'),
                ["DurableTask__StorageProvider__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
                // Short enough that messages a dead host held come back within seconds, long enough for a loaded machine.
                ["DurableTask__StorageProvider__ControlQueueVisibilityTimeout"] = "00:00:10",
                ["DurableTask__StorageProvider__WorkItemQueueVisibilityTimeout"] = "00:00:10",
            },
        };
    }
}
