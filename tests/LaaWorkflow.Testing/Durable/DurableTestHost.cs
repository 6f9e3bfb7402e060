using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Durable.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Testing.Durable;

/// <summary>
/// A durable runtime for tests: worker and client on a chosen backend, with a <see cref="VirtualClock"/> as the only
/// clock. Start it, schedule instances, advance the clock, wait for conditions with a deadline; dispose to stop.
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    /// <summary>The start of virtual time in every test host unless another is given: 1 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;

    private DurableTestHost(ServiceProvider services, VirtualClock clock, TimeSpan deadline)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
        Clock = clock;
        Deadline = deadline;
        Client = services.GetRequiredService<DurableTaskClient>();
        Backend = services.GetRequiredService<IDurableBackend>();
    }

    /// <summary>The virtual clock every timer runs on.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The backend in use.</summary>
    public IDurableBackend Backend { get; }

    /// <summary>The services, for resolving test doubles.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The real-time limit on every wait (a hung runtime fails the test instead of hanging it).</summary>
    public TimeSpan Deadline { get; }

    /// <summary>Builds and starts a host.</summary>
    /// <param name="configureWorker">Tasks and backend: <c>b =&gt; b.AddTasks(...).UseInMemoryBackend()</c>.</param>
    /// <param name="configureServices">Extra services (activity dependencies).</param>
    /// <param name="start">The start of virtual time.</param>
    /// <param name="deadline">The real-time limit on every wait; 30 seconds by default.</param>
    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskWorkerBuilder> configureWorker,
        Action<IServiceCollection>? configureServices = null,
        DateTimeOffset? start = null,
        TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(configureWorker);
        var clock = new VirtualClock(start ?? DefaultStart);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        configureServices?.Invoke(services);
        services.AddDurableTaskWorker(configureWorker);
        services.AddDurableTaskClient();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new DurableTestHost(provider, clock, deadline ?? TimeSpan.FromSeconds(30));
        foreach (var hosted in host._hosted)
        {
            await hosted.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return host;
    }

    /// <summary>A token cancelled after <see cref="Deadline"/> of real time.</summary>
    public CancellationToken NewDeadline() => new CancellationTokenSource(Deadline).Token;

    /// <summary>Schedules an instance.</summary>
    public Task<string> StartAsync(TaskName name, object? input = null, string? instanceId = null, DateTimeOffset? startAt = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId, startAt), NewDeadline());

    /// <summary>Waits (by notification, with the deadline) until the instance has finished, and returns it with inputs and outputs.</summary>
    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, NewDeadline());

    /// <summary>Waits until the runtime has no ready work.</summary>
    public Task SettleAsync() => Clock.SettleAsync(NewDeadline());

    /// <summary>Advances virtual time, firing due timers in order and settling after each.</summary>
    public Task AdvanceAsync(TimeSpan delta) => Clock.AdvanceAsync(delta, NewDeadline());

    /// <summary>Settles and reads the instance.</summary>
    public async Task<OrchestrationMetadata> SettleAndGetAsync(string instanceId)
    {
        await SettleAsync().ConfigureAwait(false);
        return await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, NewDeadline()).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Instance '{instanceId}' does not exist.");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
