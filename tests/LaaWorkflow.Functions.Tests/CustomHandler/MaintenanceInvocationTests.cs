using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

/// <summary>
/// The maintenance timer through the custom handler protocol, with payloads shaped as the Azure
/// Functions custom handler documentation shows: <c>{"Data": {...}, "Metadata": {...}}</c> in,
/// <c>{"Outputs": {...}, "Logs": [...], "ReturnValue": ...}</c> out.
/// </summary>
public sealed class MaintenanceInvocationTests
{
    private static readonly DateTimeOffset s_now = new(2008, 7, 1, 2, 0, 0, TimeSpan.Zero);

    // The timer binding is named "timer" in FunctionApp/Maintenance/function.json; the host puts the
    // TimerInfo under that name and adds its sys block to Metadata.
    private const string TimerPayload = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": {
                "Last": "2008-07-01T01:55:00+00:00",
                "Next": "2008-07-01T02:05:00+00:00",
                "LastUpdated": "2008-07-01T01:55:00+00:00"
              },
              "IsPastDue": false
            }
          },
          "Metadata": {
            "sys": {
              "MethodName": "Maintenance",
              "UtcNow": "2008-07-01T02:00:00.0123456Z",
              "RandGuid": "4c3d1c53-6e8a-4d8e-9d2c-000000000001"
            }
          }
        }
        """;

    [Fact]
    public async Task Maintenance_DocumentedTimerPayload_ReleasesLeasesThenPurgesBeforeRetentionCutoff()
    {
        var runtime = new RecordingMaintenance(released: 2, purged: 5);
        await using var server = await CustomHandlerServer.StartAsync(runtime, new StoppedClock(s_now),
            new Dictionary<string, string?> { ["Maintenance:FinishedInstanceRetention"] = "30.00:00:00" });

        using var response = await server.Client.PostAsync("/Maintenance", Json(TimerPayload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("release", s_now), ("purge", s_now.AddDays(-30))],
            runtime.Calls);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        var logs = body.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("Released 2 expired leases.", logs);
        Assert.Contains("Purged 5 finished instances created before 2008-06-01T02:00:00.0000000+00:00.", logs);
    }

    [Fact]
    public async Task Maintenance_TimerDataSentAsJsonString_IsReadTheSame()
    {
        var runtime = new RecordingMaintenance(released: 0, purged: 1);
        await using var server = await CustomHandlerServer.StartAsync(runtime, new StoppedClock(s_now));
        var timer = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}""";
        var payload = JsonSerializer.Serialize(new
        {
            Data = new { timer },
            Metadata = new { sys = new { MethodName = "Maintenance", UtcNow = "2008-07-01T02:00:00Z", RandGuid = Guid.NewGuid() } },
        });

        using var response = await server.Client.PostAsync("/Maintenance", Json(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, runtime.Calls.Count);
        var logs = await response.Content.ReadAsStringAsync();
        Assert.Contains("past due", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintenance_DefaultRetention_KeepsAYearOfFinishedAgreements()
    {
        var runtime = new RecordingMaintenance(released: 0, purged: 0);
        await using var server = await CustomHandlerServer.StartAsync(runtime, new StoppedClock(s_now));

        using var response = await server.Client.PostAsync("/Maintenance", Json(TimerPayload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var purgeCutoff = runtime.Calls.Single(c => c.Operation == "purge").Time;
        Assert.True(purgeCutoff < s_now.AddDays(-365), $"cut-off {purgeCutoff:o} keeps less than a year");
    }

    [Theory]
    [InlineData("""{"Data": {}, "Metadata": {}}""", "Data.timer is missing")]
    [InlineData("""{"Metadata": {}}""", "Data.timer is missing")]
    [InlineData("""{"Data": {"timer": 42}, "Metadata": {}}""", "Data.timer must be an object")]
    [InlineData("""{"Data": {"timer": "not json"}, "Metadata": {}}""", "Data.timer is a string that is not JSON")]
    [InlineData("""{"Data": {"timer": {"IsPastDue": false, "ScheduleStatus": {"Last": "yesterday"}}}}""", "ScheduleStatus.Last is not an ISO 8601 time")]
    [InlineData("""{"Data": """, "not a custom handler payload")]
    [InlineData("null", "empty or null")]
    public async Task Maintenance_MalformedPayload_Returns400NamingTheProblemAndTouchesNothing(string payload, string problem)
    {
        var runtime = new RecordingMaintenance(released: 1, purged: 1);
        await using var server = await CustomHandlerServer.StartAsync(runtime, new StoppedClock(s_now));

        using var response = await server.Client.PostAsync("/Maintenance", Json(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(runtime.Calls);
    }

    [Fact]
    public async Task Maintenance_NoDurableRuntimeRegistered_FailsTheInvocationInsteadOfReportingSuccess()
    {
        await using var server = await CustomHandlerServer.StartAsync(maintenance: null, new StoppedClock(s_now));

        using var response = await server.Client.PostAsync("/Maintenance", Json(TimerPayload));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AddCustomHandler_NonPositiveRetention_RefusesToStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CustomHandlerServer.StartAsync(
            new RecordingMaintenance(0, 0), new StoppedClock(s_now),
            new Dictionary<string, string?> { ["Maintenance:FinishedInstanceRetention"] = "-1.00:00:00" }));

        Assert.Contains("Maintenance:FinishedInstanceRetention", failure.Message, StringComparison.Ordinal);
    }

    private static StringContent Json(string payload) => new(payload, Encoding.UTF8, "application/json");
}
