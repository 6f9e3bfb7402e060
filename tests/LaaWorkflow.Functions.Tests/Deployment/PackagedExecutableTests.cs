using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// The packaged executable started the way the Functions host starts it: from host.json's working
/// directory, with the app settings as environment variables and the port in FUNCTIONS_CUSTOMHANDLER_PORT.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class PackagedExecutableTests(PublishedPackage package)
{
    // The Functions host gives a custom handler 60 seconds to start listening.
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Executable_StartedLikeTheFunctionsHost_ListensOnThePortAndAnswersTheMaintenanceTimer()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(package.Folder, "app", "LaaWorkflow.Functions"))
        {
            WorkingDirectory = Path.Combine(package.Folder, "app"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in AppSettings.Sample())
        {
            start.Environment[key] = value;
        }
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // No storage runs for this test: the in-memory engine lets the timer's purge answer without one.
        start.Environment["DurableTask__StorageProvider__Type"] = "InMemory";

        using var process = Process.Start(start)!;
        try
        {
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new StringBuilder();
            process.OutputDataReceived += (_, line) =>
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
                // Kestrel's own line, written once the socket is bound.
                if (line.Data?.Contains($"Now listening on: http://127.0.0.1:{port}", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, line) =>
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(s_startDeadline));
            Assert.True(started == listening.Task, $"The executable did not report listening on 127.0.0.1:{port} within {s_startDeadline}:\n{output}");

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
            using var maintenance = await client.PostAsync(new Uri("/Maintenance", UriKind.Relative), new StringContent(
                """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"Maintenance","UtcNow":"2008-07-01T02:00:00Z","RandGuid":"4c3d1c53-6e8a-4d8e-9d2c-000000000003"}}}""",
                Encoding.UTF8, "application/json"));

            Assert.Contains(health.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
            Assert.Equal(HttpStatusCode.OK, maintenance.StatusCode);
            using var body = JsonDocument.Parse(await maintenance.Content.ReadAsStringAsync());
            Assert.Contains(body.RootElement.GetProperty("Logs").EnumerateArray(), log => log.GetString()!.StartsWith("Purged 0 finished instances", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
