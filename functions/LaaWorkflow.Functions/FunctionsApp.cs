using LaaWorkflow.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace LaaWorkflow.Functions;

/// <summary>
/// The worker's entry point. The Functions host starts it in Azure; without that host it cannot start (it asks for the
/// host's endpoint), so everything that runs here (tests, the demo) runs the same code in the local host instead.
/// </summary>
/// <remarks>Not a top-level program: its generated <c>Program</c> would clash with the local host's in the tests.</remarks>
internal static class FunctionsApp
{
    public static async Task Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddFunctionsApp(builder.Configuration);
        await builder.Build().RunAsync();
    }
}
