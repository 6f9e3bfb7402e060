using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Durable;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// One negotiation world for a scenario test: the durable runtime on the backend the suite chooses, a virtual clock
/// starting 1 February 2008, read models on real Azurite (tables of its own), a capturing email sender and the real
/// answer sink, service and token links.
/// </summary>
internal sealed class NegotiationScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2008, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private NegotiationScenario(DurableTestHost host, CapturingEmailSender emails)
    {
        Host = host;
        Emails = emails;
        Service = host.Services.GetRequiredService<NegotiationService>();
        Answers = host.Services.GetRequiredService<IAnswerSink>();
        Store = host.Services.GetRequiredService<IAgreementStore>();
    }

    public DurableTestHost Host { get; }

    public CapturingEmailSender Emails { get; }

    public NegotiationService Service { get; }

    public IAnswerSink Answers { get; }

    public IAgreementStore Store { get; }

    public DateTime Now => Host.Clock.GetUtcNow().UtcDateTime;

    public static async Task<NegotiationScenario> StartAsync(AzuriteFixture azurite, Action<DurableTaskWorkerBuilder> backend)
    {
        CapturingEmailSender? emails = null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Tokens:ActiveKeyId"] = "test",
            ["Email:Tokens:Keys:test"] = Convert.ToBase64String(new byte[32]),
            ["Email:PublicBaseUrl"] = "https://laa.example/",
            ["Negotiation:TablePrefix"] = "n" + Guid.NewGuid().ToString("N")[..12],
            ["Negotiation:DocumentContainer"] = AzuriteFixture.NewContainerName("agreements"),
        }).Build();
        var host = await DurableTestHost.StartAsync(
            backend,
            services =>
            {
                services.AddSingleton(NullLoggerFactory.Instance);
                services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
                services.AddSingleton<IEmailSender>(sp => emails ??= new CapturingEmailSender(sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton(new TableServiceClient(azurite.ConnectionString));
                services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
                services.AddEmail(configuration);
                services.AddNegotiation(configuration);
            },
            Start,
            TimeSpan.FromSeconds(60));
        var sender = (CapturingEmailSender)host.Services.GetRequiredService<IEmailSender>();
        return new NegotiationScenario(host, sender);
    }

    public async Task<string> StartNegotiationAsync(NegotiationRequest request)
    {
        var started = await Service.StartAsync(request);
        Assert.True(started.Started, string.Join("; ", started.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? []));
        await Host.SettleAsync();
        return started.InstanceId!;
    }

    public Task AdvanceToAsync(DateTime at) => Host.Clock.AdvanceToAsync(new DateTimeOffset(at, TimeSpan.Zero), Host.NewDeadline());

    public async Task<AnswerSinkResult> AnswerAsync(string id, string partnerId, AnswerDecision decision, string? comment = null, int round = 1, AnswerSource source = AnswerSource.EmailLink)
    {
        var result = await Answers.SubmitAsync(new AnswerSubmission(id, partnerId, round, decision, comment, source, Host.Clock.GetUtcNow()), CancellationToken.None);
        await Host.SettleAsync();
        return result;
    }

    public async Task<AgreementView> GetAsync(string id)
    {
        await Host.SettleAsync();
        return await Service.GetAsync(id) ?? throw new InvalidOperationException($"Negotiation '{id}' has no read model.");
    }

    public async Task SettleAsync() => await Host.SettleAsync();

    /// <summary>Reads the stored agreement document back from Blob storage at the address the agreement gives.</summary>
    public async Task<string> ReadDocumentAsync(Uri documentUrl)
    {
        // The link is the app's document route; the id is its second-to-last segment.
        Assert.EndsWith("/document", documentUrl.AbsolutePath, StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(documentUrl.Segments[^2].TrimEnd('/'));
        var html = await Host.Services.GetRequiredService<AgreementDocuments>().ReadAsync(id, CancellationToken.None);
        Assert.NotNull(html);
        return html;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
