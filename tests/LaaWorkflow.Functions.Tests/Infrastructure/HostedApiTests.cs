using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>
/// A test class against its own real host (own task hub and tables): every test gets a fresh host and an admin
/// client, disposed after it.
/// </summary>
public abstract class HostedApiTests(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private HostFactory? _host;
    private HttpClient? _admin;

    private protected HostFactory Host => _host ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    private protected HttpClient Admin => _admin ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public Task InitializeAsync()
    {
        _host = new HostFactory(azurite, settings);
        _admin = _host.CreateAdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
