using System.Net;
using System.Text;
using LaaWorkflow.Functions.CustomHandler.Maintenance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

/// <summary>The real Program: the invocation routes exist under the Functions host and only there.</summary>
public sealed class ProgramWiringTests
{
    private const string TimerPayload = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2008-07-01T01:55:00+00:00","Next":"2008-07-01T02:05:00+00:00","LastUpdated":"2008-07-01T01:55:00+00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"Maintenance","UtcNow":"2008-07-01T02:00:00Z","RandGuid":"4c3d1c53-6e8a-4d8e-9d2c-000000000002"}}}
        """;

    [Fact]
    public async Task Program_UnderFunctionsHost_AnswersTheMaintenanceInvocation()
    {
        var runtime = new RecordingMaintenance(released: 1, purged: 3);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", "7199");
            web.ConfigureTestServices(services => services.AddSingleton<DurableMaintenance>(runtime));
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/Maintenance", new StringContent(TimerPayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["release", "purge"], runtime.Calls.Select(c => c.Operation));
    }

    [Fact]
    public async Task Program_PlainLocalRun_DoesNotExposeTheMaintenanceInvocation()
    {
        var runtime = new RecordingMaintenance(released: 1, purged: 3);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", "");
            web.ConfigureTestServices(services => services.AddSingleton<DurableMaintenance>(runtime));
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/Maintenance", new StringContent(TimerPayload, Encoding.UTF8, "application/json"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(runtime.Calls);
    }
}
