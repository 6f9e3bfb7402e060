using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// One real host per test class, shared by its hostile cases: every case snapshots the state before and after, so
/// the cases need no fresh host each, only one they cannot have changed.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HostFactory? _factory;

    internal HostFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    internal HttpClient Admin { get; private set; } = null!;

    internal HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Anything a seeding step wants to hand to the cases (ids, links).</summary>
    internal Dictionary<string, string> Seeded { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts the host on first use and runs <paramref name="seed"/> once.</summary>
    internal async Task<HostileHost> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? overrides = null, Func<HostileHost, Task>? seed = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (_factory is null)
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("hneg"),
                    ["Email:TablePrefix"] = AzuriteFixture.NewTableName("hmail"),
                    ["Email:InboundSecret"] = InboundSecret,
                    ["DurableTask:HubName"] = "Hostile" + Guid.NewGuid().ToString("N")[..8],
                };
                foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
                {
                    settings[key] = value;
                }
                _factory = new HostFactory(azurite, settings);
                try
                {
                    Admin = _factory.CreateAdminClient();
                    Anonymous = _factory.CreateClient();
                    if (seed is not null)
                    {
                        await seed(this);
                    }
                }
                catch
                {
                    // A host that did not start or seed is not kept: the next case starts its own and reports its own
                    // error, instead of every later case failing on a half-made host.
                    await ResetAsync();
                    throw;
                }
            }
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    public const string InboundSecret = "inbound-secret-for-tests";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }

    private async Task ResetAsync()
    {
        Admin?.Dispose();
        Anonymous?.Dispose();
        (Admin, Anonymous) = (null!, null!);
        Seeded.Clear();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }
}
