using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using AnswerSource = LaaWorkflow.Email.Answers.AnswerSource;
using BlobServiceClient = Azure.Storage.Blobs.BlobServiceClient;
using TableServiceClient = Azure.Data.Tables.TableServiceClient;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// One negotiation world for a scenario test: a generic host running the local task hub (a hub of its own) on the
/// backend the suite chooses, read models on the private Azurite (tables of its own), a capturing email sender and the
/// real answer sink, service and token links. Every negotiation it starts is a rehearsal on one shared calendar: the
/// business instant <see cref="Requests.Start"/> falls when the first one starts, and a day passes every
/// <see cref="ScenarioBackend.SecondsPerDay"/> seconds.
/// </summary>
internal sealed partial class NegotiationScenario : IAsyncDisposable
{
    /// <summary>How long a wait for something that should happen soon may take on a loaded machine before it fails.</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    private const string WarmUp = "WarmUp";

    private readonly IHost _host;
    private Pace? _pace;

    private NegotiationScenario(IHost host, ScenarioBackend backend, CapturingEmailSender emails)
    {
        _host = host;
        Backend = backend;
        Emails = emails;
        Service = host.Services.GetRequiredService<NegotiationService>();
        Answers = host.Services.GetRequiredService<IAnswerSink>();
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public ScenarioBackend Backend { get; }

    public CapturingEmailSender Emails { get; }

    public NegotiationService Service { get; }

    public IAnswerSink Answers { get; }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The scenario's calendar, fixed when its first negotiation starts.</summary>
    public Pace Pace => _pace ?? throw new InvalidOperationException("No negotiation has started yet, so the calendar has not either.");

    /// <summary>The business time now.</summary>
    public DateTime Now => _pace is null ? Requests.Start : _pace.ToBusiness(DateTime.UtcNow);

    public static async Task<NegotiationScenario> StartAsync(AzuriteFixture azurite, ScenarioBackend backend)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Tokens:ActiveKeyId"] = "test",
            ["Email:Tokens:Keys:test"] = Convert.ToBase64String(new byte[32]),
            ["Email:PublicBaseUrl"] = "https://laa.example/",
            ["Negotiation:TablePrefix"] = "n" + Guid.NewGuid().ToString("N")[..12],
            ["Negotiation:DocumentContainer"] = AzuriteFixture.NewContainerName("agreements"),
            ["Rehearsals:Enabled"] = "true",
            // A hub of its own, so no scenario sees another's instances or messages.
            ["DurableTask:HubName"] = "neg" + Guid.NewGuid().ToString("N")[..24],
            ["DurableTask:StorageProvider:Type"] = backend.StorageProvider,
            ["DurableTask:StorageProvider:PartitionCount"] = "1",
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.100",
        });
        builder.Logging.ClearProviders();

        // One sender, created before the world exists: it reads the calendar through the world once there is one.
        NegotiationScenario? world = null;
        var emails = new CapturingEmailSender(() => world?.Now ?? Requests.Start);
        var services = builder.Services;
        services.AddSingleton<IEmailSender>(emails);
        services.AddSingleton(new TableServiceClient(azurite.ConnectionString));
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
        services.AddLocalTaskHub(
            builder.Configuration, azurite.ConnectionString, registry => registry.AddNegotiationTasks().AddOrchestratorFunc(WarmUp, context => Task.FromResult(context.InstanceId)),
            NegotiationServiceCollectionExtensions.DataConverter);
        services.AddEmail(builder.Configuration);
        services.AddNegotiation(builder.Configuration);

        var host = builder.Build();
        using var starting = new CancellationTokenSource(s_patience);
        await host.StartAsync(starting.Token);
        world = new NegotiationScenario(host, backend, emails);
        await world.WarmUpAsync();
        return world;
    }

    /// <summary>
    /// Runs one orchestration through the engine before the calendar starts, so the worker's connection and the
    /// engine's first dispatch (seconds on a cold, busy machine) do not make the scenario's first timers late.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WarmUp);
        using var timeout = new CancellationTokenSource(s_patience);
        var done = await Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    /// <summary>Starts a negotiation on the scenario's calendar (the first one starts the calendar) and checks it started.</summary>
    public async Task<string> StartNegotiationAsync(NegotiationRequest request, string? idempotencyKey = null)
    {
        var started = await StartRawAsync(request, idempotencyKey);
        Assert.True(started.Started, string.Join("; ", started.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? []));
        return started.InstanceId!;
    }

    /// <summary>Starts a negotiation on the scenario's calendar and returns what the service said.</summary>
    public async Task<StartNegotiationResult> StartRawAsync(NegotiationRequest request, string? idempotencyKey = null)
    {
        _pace ??= new Pace(Requests.Start, DateTime.UtcNow, Backend.SecondsPerDay);
        var paced = Requests.WithPace(request, new PaceRequest
        {
            Anchor = new DateTimeOffset(_pace.Anchor, TimeSpan.Zero),
            StartedAt = new DateTimeOffset(_pace.StartedAt, TimeSpan.Zero),
            SecondsPerDay = _pace.SecondsPerDay,
        });
        return await Service.StartAsync(paced, idempotencyKey);
    }

    /// <summary>Submits a partner's answer as its email link would, received now.</summary>
    public Task<AnswerSinkResult> AnswerAsync(string id, string partnerId, AnswerDecision decision, string? comment = null, int round = 1, AnswerSource source = AnswerSource.EmailLink) =>
        Answers.SubmitAsync(new AnswerSubmission(id, partnerId, round, decision, comment, source, DateTimeOffset.UtcNow), CancellationToken.None);

    /// <summary>Answers, then waits until the read model shows the partner's answer.</summary>
    public async Task<AgreementView> AnswerAndWaitAsync(string id, string partnerId, AnswerDecision decision, string? comment = null, int round = 1)
    {
        var result = await AnswerAsync(id, partnerId, decision, comment, round);
        Assert.True(result.Status == AnswerSinkStatus.Accepted, $"{partnerId}'s answer was {result.Status}: {result.Reason}");
        return await WaitForViewAsync(
            id,
            v => v.Partners.Single(p => p.Id == partnerId) is { AnsweredAt: not null } p && p.Round == round,
            $"{partnerId}'s round-{round} answer in the read model");
    }

    public async Task<AgreementView> GetAsync(string id) =>
        await Service.GetAsync(id) ?? throw new InvalidOperationException($"Negotiation '{id}' has no read model.");

    /// <summary>Reads the stored agreement document back from Blob storage at the address the agreement gives.</summary>
    public async Task<string> ReadDocumentAsync(Uri documentUrl)
    {
        // The link is the app's document route; the id is its second-to-last segment.
        Assert.EndsWith("/document", documentUrl.AbsolutePath, StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(documentUrl.Segments[^2].TrimEnd('/'));
        var html = await Services.GetRequiredService<AgreementDocuments>().ReadAsync(id, CancellationToken.None);
        Assert.NotNull(html);
        return html;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(s_patience);
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
