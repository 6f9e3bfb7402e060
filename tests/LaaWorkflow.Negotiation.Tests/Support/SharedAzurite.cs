using LaaWorkflow.Testing;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// One private Azurite for the whole test assembly, shared by several collections so that they can run in parallel:
/// each collection holds a lease, and the last lease to go stops it. Every test uses tables, containers and task hubs
/// of its own.
/// </summary>
public sealed class SharedAzurite : IAsyncLifetime
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static AzuriteFixture? s_azurite;
    private static int s_leases;

    public AzuriteFixture Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (s_azurite is null)
            {
                // A process per service, tables in memory: the scenarios' task hubs poll queues while their read
                // models are read and written, and one Node.js thread serving all of it falls seconds behind.
                var azurite = new AzuriteFixture { Persistence = AzuritePersistence.TablesInMemory };
                await azurite.InitializeAsync();
                s_azurite = azurite;
            }

            s_leases++;
            Azurite = s_azurite;
        }
        finally
        {
            s_gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (--s_leases == 0 && s_azurite is not null)
            {
                await s_azurite.DisposeAsync();
                s_azurite = null;
            }
        }
        finally
        {
            s_gate.Release();
        }
    }
}
