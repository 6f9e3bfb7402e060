using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>
/// The real host against the private Azurite, on the virtual clock with the dev routes on.
/// Settings go in with UseSetting so they are visible while Program registers services.
/// </summary>
internal sealed class HostFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public static readonly DateTimeOffset ClockStart = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Host:AdminKeys"] = AdminKey + ";second-key",
            ["Host:DevRoutes"] = "true",
            ["Host:AnswerRequestsPerMinute"] = "1000",
            ["Clock:Mode"] = "Virtual",
            ["Clock:Start"] = ClockStart.ToString("O"),
            // Every host gets its own task hub and tables. A shared hub would hand each new host the
            // unfinished orchestrations of every earlier test, whose timers then fire when this test
            // moves its clock, and their work competes with the test's own; and two tests starting
            // the same demonstration area must not share read models or answer ledgers.
            ["DurableTask:HubName"] = "Test" + Guid.NewGuid().ToString("N")[..12],
            ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("neg"),
            ["Negotiation:DocumentContainer"] = AzuriteFixture.NewContainerName("docs"),
            ["Email:TablePrefix"] = AzuriteFixture.NewTableName("mail"),
            ["Email:PublicBaseUrl"] = "http://localhost",
            ["Email:Tokens:ActiveKeyId"] = "k1",
            ["Email:Tokens:Keys:k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        };
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

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return client;
    }
}
