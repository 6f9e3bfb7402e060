using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Api;

[Collection("azurite-management")]
public sealed class ManagementApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Root = "/runtime/webhooks/durabletask";
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new HostFactory(azurite, services: TestOrchestrations.Register);
        _client = _host.CreateAdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private DurableTaskClient Durable => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>How long a test waits for the engine to start or finish an instance, generous for a busy machine.</summary>
    private static readonly TimeSpan s_engineDeadline = TimeSpan.FromSeconds(60);

    private async Task<JsonObject> StartAsync(string name, string? instanceId = null, object? input = null)
    {
        using var response = await _client.PostAsJsonAsync(new Uri($"{Root}/orchestrators/{name}/{instanceId}", UriKind.Relative), input);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static Uri Url(JsonObject payload, string name, string? eventName = null) =>
        new(payload[name]!.GetValue<string>().Replace("{eventName}", eventName, StringComparison.Ordinal).Replace("{text}", "because", StringComparison.Ordinal));

    [Fact]
    public async Task Start_Orchestrator_Is202WithLocationAndEveryManagementUrl()
    {
        using var response = await _client.PostAsJsonAsync(new Uri($"{Root}/orchestrators/{TestOrchestrations.Echo}", UriKind.Relative), "hello");
        var payload = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(payload["statusQueryGetUri"]!.GetValue<string>(), response.Headers.Location!.ToString());
        Assert.NotNull(response.Headers.RetryAfter);
        foreach (var name in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "suspendPostUri", "resumePostUri", "rewindPostUri", "purgeHistoryDeleteUri", "restartPostUri" })
        {
            var url = payload[name]!.GetValue<string>();
            Assert.Contains($"/runtime/webhooks/durabletask/instances/{payload["id"]!.GetValue<string>()}", url, StringComparison.Ordinal);
            Assert.Contains("code=" + HostFactory.AdminKey, url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StatusQueryGetUri_Followed_Is200WithOutputOnceCompleted()
    {
        var payload = await StartAsync(TestOrchestrations.Echo, input: "hello");
        await CompletionAsync(payload["id"]!.GetValue<string>());

        // The payload's URL carries the key, so a client without a header can follow it.
        using var anonymous = _host.CreateClient();
        using var response = await anonymous.GetAsync(Url(payload, "statusQueryGetUri"));
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Completed", status["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("HELLO", status["output"]!.GetValue<string>());
        Assert.Equal("hello", status["input"]!.GetValue<string>());
        Assert.Equal(TestOrchestrations.Echo, status["name"]!.GetValue<string>());
        Assert.NotNull(status["createdTime"]);
        Assert.NotNull(status["lastUpdatedTime"]);
    }

    [Fact]
    public async Task GetInstance_Running_Is202WithRetryAfterAndCustomStatus()
    {
        var payload = await StartAsync(TestOrchestrations.WaitForApproval);
        var id = payload["id"]!.GetValue<string>();
        await StartedAsync(id);
        await WaitUntilAsync(async () => (await Durable.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus is not null);

        using var response = await _client.GetAsync(Url(payload, "statusQueryGetUri"));
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("Running", status["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(TestOrchestrations.ApprovalEvent, status["customStatus"]!["waitingFor"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendEventPostUri_Followed_CompletesTheInstance_ThenGone()
    {
        var payload = await StartAsync(TestOrchestrations.WaitForApproval);
        var id = payload["id"]!.GetValue<string>();
        await StartedAsync(id);

        using var raised = await _client.PostAsJsonAsync(Url(payload, "sendEventPostUri", TestOrchestrations.ApprovalEvent), "yes");
        var done = await CompletionAsync(id, getInputsAndOutputs: true);
        using var again = await _client.PostAsJsonAsync(Url(payload, "sendEventPostUri", TestOrchestrations.ApprovalEvent), "again");

        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal("\"approved:yes\"", done.SerializedOutput);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task RaiseEvent_BodyNotJson_Is400()
    {
        var payload = await StartAsync(TestOrchestrations.WaitForApproval);
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(Url(payload, "sendEventPostUri", TestOrchestrations.ApprovalEvent), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TerminatePostUri_Followed_TerminatesWithReason_ThenGone()
    {
        var payload = await StartAsync(TestOrchestrations.WaitForApproval);
        var id = payload["id"]!.GetValue<string>();
        await StartedAsync(id);

        using var terminated = await _client.PostAsync(Url(payload, "terminatePostUri"), null);
        var done = await CompletionAsync(id);
        using var again = await _client.PostAsync(Url(payload, "terminatePostUri"), null);

        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task TerminatePostUri_ParentWithRunningChildren_TerminatesTheParentAlone()
    {
        // As the Durable Functions extension's route does in Azure, so the Orchestrations page, which terminates an
        // agreement's consultations itself, behaves the same in both places.
        var payload = await StartAsync(TestOrchestrations.WithChildren);
        var id = payload["id"]!.GetValue<string>();
        var children = Enumerable.Range(0, 2).Select(i => TestOrchestrations.ChildId(id, i)).ToList();
        foreach (var child in children)
        {
            await StartedAsync(child);
        }

        using var terminated = await _client.PostAsync(Url(payload, "terminatePostUri"), null);
        var parent = await CompletionAsync(id);
        var running = new List<OrchestrationMetadata?>();
        foreach (var child in children)
        {
            running.Add(await Durable.GetInstanceAsync(child));
        }

        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.All(running, child => Assert.Equal(OrchestrationRuntimeStatus.Running, child?.RuntimeStatus));
    }

    [Fact]
    public async Task SuspendAndResumeUris_Followed_ChangeTheRuntimeStatus()
    {
        var payload = await StartAsync(TestOrchestrations.WaitForApproval);
        var id = payload["id"]!.GetValue<string>();
        await StartedAsync(id);

        using var suspended = await _client.PostAsync(Url(payload, "suspendPostUri"), null);
        await WaitUntilAsync(async () => (await Durable.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        using var resumed = await _client.PostAsync(Url(payload, "resumePostUri"), null);
        await WaitUntilAsync(async () => (await Durable.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        Assert.Equal(HttpStatusCode.Accepted, suspended.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
    }

    [Fact]
    public async Task RewindPostUri_OnCompletedInstance_IsGone_AndOnFailedInstance_Is501()
    {
        var completed = await StartAsync(TestOrchestrations.Echo, input: "x");
        var failed = await StartAsync(TestOrchestrations.Fails, input: "x");
        await CompletionAsync(completed["id"]!.GetValue<string>());
        var failure = await CompletionAsync(failed["id"]!.GetValue<string>());

        using var gone = await _client.PostAsync(Url(completed, "rewindPostUri"), null);
        using var rewound = await _client.PostAsync(Url(failed, "rewindPostUri"), null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failure.RuntimeStatus);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        // The local task hub's sidecar does not implement rewind: the route says so rather than pretending.
        Assert.Equal(HttpStatusCode.NotImplemented, rewound.StatusCode);
        Assert.Equal("application/problem+json", rewound.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await Durable.GetInstanceAsync(failed["id"]!.GetValue<string>()))!.RuntimeStatus);
    }

    [Fact]
    public async Task RestartPostUri_Followed_StartsANewInstanceAndReturnsItsPayload()
    {
        var payload = await StartAsync(TestOrchestrations.Echo, input: "again");
        await CompletionAsync(payload["id"]!.GetValue<string>());

        using var response = await _client.PostAsync(new Uri(Url(payload, "restartPostUri") + "&restartWithNewInstanceId=true"), null);
        var restarted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var done = await CompletionAsync(restarted["id"]!.GetValue<string>(), getInputsAndOutputs: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotEqual(payload["id"]!.GetValue<string>(), restarted["id"]!.GetValue<string>());
        Assert.Equal("\"AGAIN\"", done.SerializedOutput);
    }

    [Fact]
    public async Task PurgeHistoryDeleteUri_Followed_DeletesTheInstance_ThenNotFound()
    {
        var payload = await StartAsync(TestOrchestrations.Echo, input: "x");
        await CompletionAsync(payload["id"]!.GetValue<string>());

        using var purged = await _client.DeleteAsync(Url(payload, "purgeHistoryDeleteUri"));
        var body = JsonNode.Parse(await purged.Content.ReadAsStringAsync())!;
        using var status = await _client.GetAsync(Url(payload, "statusQueryGetUri"));
        using var again = await _client.DeleteAsync(Url(payload, "purgeHistoryDeleteUri"));

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, body["instancesDeleted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task PurgeInstances_WithoutCreatedTimeFrom_Is400NamingTheField()
    {
        using var response = await _client.DeleteAsync(new Uri($"{Root}/instances", UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["createdTimeFrom"]);
    }

    [Fact]
    public async Task PurgeInstances_ByCreatedTimeAndStatus_DeletesOnlyFinishedMatches()
    {
        var finished = await StartAsync(TestOrchestrations.Echo, "purge-many-1", "x");
        await StartAsync(TestOrchestrations.WaitForApproval, "purge-many-2");
        await CompletionAsync(finished["id"]!.GetValue<string>());

        using var response = await _client.DeleteAsync(new Uri($"{Root}/instances?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Completed", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body["instancesDeleted"]!.GetValue<int>());
        Assert.Null(await Durable.GetInstanceAsync("purge-many-1"));
        Assert.NotNull(await Durable.GetInstanceAsync("purge-many-2"));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/raiseEvent/Approval")]
    [InlineData("POST", "/terminate")]
    [InlineData("POST", "/suspend")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/rewind")]
    [InlineData("POST", "/restart")]
    [InlineData("DELETE", "")]
    public async Task Instance_Unknown_Is404ProblemDetails(string method, string suffix)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"{Root}/instances/no-such-instance{suffix}", UriKind.Relative));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListInstances_PagesWithContinuationHeader_AndFiltersByPrefix()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(TestOrchestrations.Echo, $"paging-{i}", "x");
        }
        await StartAsync(TestOrchestrations.Echo, "other-1", "x");

        using var first = await _client.GetAsync(new Uri($"{Root}/instances?instanceIdPrefix=paging-&top=2", UriKind.Relative));
        var firstPage = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Root}/instances?instanceIdPrefix=paging-&top=2", UriKind.Relative));
        request.Headers.Add("x-ms-continuation-token", token);
        using var second = await _client.SendAsync(request);
        var secondPage = JsonNode.Parse(await second.Content.ReadAsStringAsync())!.AsArray();

        var ids = firstPage.Concat(secondPage).Select(i => i!["instanceId"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(2, firstPage.Count);
        Assert.Equal(["paging-0", "paging-1", "paging-2"], ids);
        Assert.False(second.Headers.Contains("x-ms-continuation-token"));
    }

    [Fact]
    public async Task ListInstances_CreatedTimeRange_ReturnsOnlyThoseCreatedInIt()
    {
        // Creation times are the engine's (real time): the second instance is created after an instant the first precedes.
        await StartAsync(TestOrchestrations.Echo, "created-early", "x");
        var early = (await Durable.GetInstanceAsync("created-early"))!.CreatedAt;
        var between = early.AddMilliseconds(500);
        await WaitUntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > between.AddMilliseconds(500)));
        await StartAsync(TestOrchestrations.Echo, "created-late", "x");
        var at = Uri.EscapeDataString(between.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));

        var from = JsonNode.Parse(await _client.GetStringAsync(new Uri($"{Root}/instances?instanceIdPrefix=created-&createdTimeFrom={at}", UriKind.Relative)))!.AsArray();
        var to = JsonNode.Parse(await _client.GetStringAsync(new Uri($"{Root}/instances?instanceIdPrefix=created-&createdTimeTo={at}", UriKind.Relative)))!.AsArray();

        Assert.Equal("created-late", Assert.Single(from)!["instanceId"]!.GetValue<string>());
        Assert.Equal("created-early", Assert.Single(to)!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListInstances_ByRuntimeStatus_ReturnsOnlyThatStatus()
    {
        var done = await StartAsync(TestOrchestrations.Echo, "status-done", "x");
        await StartAsync(TestOrchestrations.WaitForApproval, "status-running");
        await CompletionAsync(done["id"]!.GetValue<string>());
        await StartedAsync("status-running");

        using var response = await _client.GetAsync(new Uri($"{Root}/instances?runtimeStatus=Running&instanceIdPrefix=status-", UriKind.Relative));
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("status-running", Assert.Single(page)!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListInstances_UnknownRuntimeStatus_Is400NamingTheField()
    {
        using var response = await _client.GetAsync(new Uri($"{Root}/instances?runtimeStatus=Sleeping", UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sleeping", problem["errors"]!["runtimeStatus"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstance_ShowHistory_ListsEventsInDurableFunctionsShape()
    {
        var payload = await StartAsync(TestOrchestrations.Echo, input: "hi");
        await CompletionAsync(payload["id"]!.GetValue<string>());

        using var response = await _client.GetAsync(new Uri(Url(payload, "statusQueryGetUri") + "&showHistory=true&showHistoryOutput=true"));
        var events = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["historyEvents"]!.AsArray();

        var types = events.Select(e => e!["EventType"]!.GetValue<string>()).ToList();
        Assert.Equal("ExecutionStarted", types[0]);
        Assert.Equal("ExecutionCompleted", types[^1]);
        var task = events.Single(e => e!["EventType"]!.GetValue<string>() == "TaskCompleted")!;
        Assert.Equal("Shout", task["FunctionName"]!.GetValue<string>());
        Assert.Equal("HI", task["Result"]!.GetValue<string>());
        Assert.NotNull(task["ScheduledTime"]);
        Assert.DoesNotContain("OrchestratorStarted", types);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.WaitUntilAsync(condition);

    private async Task<OrchestrationMetadata> CompletionAsync(string id, bool getInputsAndOutputs = false)
    {
        using var deadline = new CancellationTokenSource(s_engineDeadline);
        return await Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs, deadline.Token);
    }

    private async Task StartedAsync(string id)
    {
        using var deadline = new CancellationTokenSource(s_engineDeadline);
        await Durable.WaitForInstanceStartAsync(id, deadline.Token);
    }
}
