using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>
/// The real host against the private Azurite, its own task hub on the Durable Task engine, rehearsals and the dev
/// routes on. Settings go in with UseSetting so they are visible while Program registers services.
/// </summary>
internal sealed class HostFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = Settings(azurite);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>
    /// The settings of a test host: the private Azurite, its own task hub and tables, rehearsals and the dev routes on.
    /// </summary>
    public static Dictionary<string, string?> Settings(AzuriteFixture azurite) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Host:AdminKeys"] = AdminKey + ";second-key",
        ["Host:DevRoutes"] = "true",
        ["Host:AnswerRequestsPerMinute"] = "1000",
        // Tests start negotiations with a pace, so their calendars reach the instants they need within seconds.
        ["Rehearsals:Enabled"] = "true",
        // Every host gets its own task hub and tables. A shared hub would hand each new host the
        // unfinished orchestrations of every earlier test, whose work competes with the test's own, and two
        // tests starting the same demonstration area must not share read models or answer ledgers. Hub names
        // are letters and digits only.
        ["DurableTask:HubName"] = "Test" + Guid.NewGuid().ToString("N")[..12],
        // One partition is enough for a test's few instances and keeps the idle polling of parallel hosts low;
        // a short polling interval keeps timers and events from waiting up to a second on an empty queue.
        ["DurableTask:StorageProvider:PartitionCount"] = "1",
        ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.1",
        ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("neg"),
        ["Negotiation:DocumentContainer"] = AzuriteFixture.NewContainerName("docs"),
        ["Email:TablePrefix"] = AzuriteFixture.NewTableName("mail"),
        ["Email:PublicBaseUrl"] = "http://localhost",
        ["Email:Tokens:ActiveKeyId"] = "k1",
        ["Email:Tokens:Keys:k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    };

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return client;
    }
}
