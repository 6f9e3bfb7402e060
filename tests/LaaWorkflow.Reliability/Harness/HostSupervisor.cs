using System.Globalization;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Hosting;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// The hosts of one run and the Azurite they share: starts them, kills and restarts them on the same port and worker
/// name (so answer links already emailed keep working and a restarted host takes its own leases back at once), stops
/// and restarts storage, and tells the driver when the system is ready again after any of these.
/// </summary>
internal sealed class HostSupervisor : IAsyncDisposable
{
    public const string HubName = "Reliability";
    private const int PartitionCount = 4;

    private readonly AzuriteFixture _azurite;
    private readonly List<HostSlot> _slots = [];
    private readonly SemaphoreSlim _recovery = new(1, 1);
    private readonly Lock _gate = new();
    private TaskCompletionSource _up = NewSignal(completed: true);
    private int _generation;
    private int _settledGeneration;
    private DateTimeOffset _lastClock = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private HostSupervisor(AzuriteFixture azurite) => _azurite = azurite;

    public AzuriteFixture Azurite => _azurite;

    /// <summary>The first host: the one the driver talks to.</summary>
    public Uri BaseUrl => _slots[0].Url;

    public string AdminKey => _slots[0].Settings.AdminKey;

    public string TokenKey => _slots[0].Settings.TokenKey;

    /// <summary>How many host kills this supervisor has made.</summary>
    public int Kills { get; private set; }

    /// <summary>The latest virtual time any host told the driver; a restarted host starts there.</summary>
    public DateTimeOffset LastClock
    {
        get
        {
            lock (_gate)
            {
                return _lastClock;
            }
        }
    }

    /// <summary>Starts a private Azurite and <paramref name="hosts"/> hosts sharing one task hub on it.</summary>
    public static async Task<HostSupervisor> StartAsync(int hosts, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var supervisor = new HostSupervisor(azurite);
        try
        {
            for (var i = 0; i < hosts; i++)
            {
                var port = FreePorts.PickOne();
                var publicUrl = supervisor._slots.Count > 0 ? supervisor._slots[0].Url : new Uri($"http://127.0.0.1:{port}/");
                var slot = new HostSlot(i == 0 ? "primary" : $"host{i + 1}", port, publicUrl, azurite.ConnectionString);
                supervisor._slots.Add(slot);
                await slot.StartAsync(supervisor.LastClock, cancellationToken);
            }
        }
        catch
        {
            await supervisor.DisposeAsync();
            throw;
        }

        return supervisor;
    }

    /// <summary>The URLs of the hosts still running other than the first (the driver mirrors clock moves to them).</summary>
    public IReadOnlyList<Uri> OtherLiveHosts()
    {
        lock (_gate)
        {
            return [.. _slots.Skip(1).Where(s => s.IsRunning).Select(s => s.Url)];
        }
    }

    public void NoteClock(DateTimeOffset utcNow)
    {
        lock (_gate)
        {
            if (utcNow > _lastClock)
            {
                _lastClock = utcNow;
            }
        }
    }

    /// <summary>SIGKILLs host <paramref name="index"/>; with <paramref name="restart"/> starts it again where it was.</summary>
    public async Task KillAsync(int index, bool restart, CancellationToken cancellationToken)
    {
        var slot = _slots[index];
        MarkDown();
        try
        {
            await slot.KillAsync();
            Kills++;
            if (restart)
            {
                await slot.StartAsync(LastClock, cancellationToken);
            }
        }
        finally
        {
            // Even a host left dead changes what the driver must wait for: its work moves to the survivors.
            MarkUp();
        }
    }

    /// <summary>Stops Azurite (the driver is held meanwhile); <see cref="EndOutageAsync"/> brings it back.</summary>
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

    /// <summary>
    /// Returns once the hosts are up and, if anything was killed or stopped since the driver last looked, once the
    /// work left behind has been picked up and done: every hub queue empty (messages a dead host held count until they
    /// reappear) and the first host's runtime settled. So the driver sees the same state it would have seen unharmed.
    /// </summary>
    public async Task WaitReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        Task up;
        lock (_gate)
        {
            up = _up.Task;
        }

        await up.WaitAsync(cancellationToken);
        if (Volatile.Read(ref _settledGeneration) == Volatile.Read(ref _generation))
        {
            return;
        }

        await _recovery.WaitAsync(cancellationToken);
        try
        {
            var generation = Volatile.Read(ref _generation);
            if (_settledGeneration == generation)
            {
                return;
            }

            await SettleAsync(http, cancellationToken);
            Volatile.Write(ref _settledGeneration, generation);
        }
        finally
        {
            _recovery.Release();
        }
    }

    /// <summary>Waits until every hub queue is empty and the first host has settled at the last clock, twice in a row.</summary>
    public async Task SettleAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var queues = new QueueServiceClient(_azurite.ConnectionString);
        var names = Enumerable.Range(0, PartitionCount)
            .Select(p => $"{HubName.ToLowerInvariant()}-control-{p.ToString("D2", CultureInfo.InvariantCulture)}")
            .Append($"{HubName.ToLowerInvariant()}-workitems")
            .ToList();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var quietChecks = 0;
        while (quietChecks < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The hosts did not settle within three minutes after a fault.");
            }

            var pending = 0;
            try
            {
                foreach (var name in names)
                {
                    var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken);
                    pending += properties.Value.ApproximateMessagesCount;
                }

                if (pending == 0)
                {
                    // An advance to the time already shown fires nothing but waits for the runtime to go idle.
                    using var settle = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "api/dev/clock/advance"))
                    {
                        Content = System.Net.Http.Json.JsonContent.Create(new { to = LastClock }),
                    };
                    settle.Headers.Add("x-functions-key", AdminKey);
                    using var response = await http.SendAsync(settle, cancellationToken);
                    quietChecks = response.IsSuccessStatusCode ? quietChecks + 1 : 0;
                }
                else
                {
                    quietChecks = 0;
                }
            }
            catch (Exception error) when (error is HttpRequestException or Azure.RequestFailedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                quietChecks = 0;
            }

            if (quietChecks < 2)
            {
                // Poll interval while messages a dead host held become visible again; not a wait for an outcome.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>The last lines of every host's log, for failure notes.</summary>
    public string HostOutput() => string.Join("\n", _slots.Select(s => $"--- {s.Name}\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots)
        {
            await slot.KillAsync();
        }

        await _azurite.DisposeAsync();
        _recovery.Dispose();
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
            if (_up.Task.IsCompleted)
            {
                _up = NewSignal(completed: false);
            }

            _generation++;
        }
    }

    private void MarkUp()
    {
        lock (_gate)
        {
            _generation++;
            _up.TrySetResult();
        }
    }

    /// <summary>One host's place: its name (also its lease owner name), port and current process.</summary>
    /// <remarks>Every host writes links to the first host's address: partners meet one public address, whichever host emailed them.</remarks>
    private sealed class HostSlot(string name, int port, Uri publicUrl, string connectionString)
    {
        private HostProcess? _process;
        private string _lastOutput = "";

        public string Name { get; } = name;

        public Uri Url { get; } = new($"http://127.0.0.1:{port}/");

        public HostProcessSettings Settings { get; private set; } = Create(name, port, publicUrl, connectionString, default);

        public bool IsRunning => _process is { HasExited: false };

        public string Output => _process?.Output ?? _lastOutput;

        public async Task StartAsync(DateTimeOffset clock, CancellationToken cancellationToken)
        {
            Settings = Create(Name, port, publicUrl, connectionString, clock);
            _process = await HostProcess.StartAsync(Settings, cancellationToken);
        }

        public async Task KillAsync()
        {
            if (_process is not null)
            {
                _lastOutput = _process.Output;
                await _process.DisposeAsync();
                _process = null;
            }
        }

        private static HostProcessSettings Create(string name, int port, Uri publicUrl, string connectionString, DateTimeOffset clock) => new()
        {
            StorageConnectionString = connectionString,
            HubName = HubName,
            Port = port,
            ClockStart = clock == default ? new DateTimeOffset(2007, 11, 20, 9, 0, 0, TimeSpan.Zero) : clock,
            Environment = new Dictionary<string, string>
            {
                ["DurableTask__WorkerId"] = name,
                ["Email__PublicBaseUrl"] = publicUrl.ToString().TrimEnd('/'),
                ["DurableTask__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
                // Short enough that work a dead host held comes back within seconds, long enough for a loaded machine.
                ["DurableTask__MessageVisibilityTimeout"] = "00:00:05",
                ["DurableTask__LeasePeriod"] = "00:00:10",
            },
        };
    }
}
