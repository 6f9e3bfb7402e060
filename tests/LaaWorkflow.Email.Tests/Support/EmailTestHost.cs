using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Transports.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Email.Tests.Support;

/// <summary>A real WebApplication on a real local port hosting the email endpoints, with the negotiation faked.</summary>
internal sealed class EmailTestHost : IAsyncDisposable
{
    private WebApplication _app = null!;

    private EmailTestHost() => Ledger = new FlakyLedger(Stores);

    public HttpClient Client { get; private set; } = null!;

    public FakeAnswerSink Sink { get; } = new();

    public FakeConsultationLookup Lookup { get; } = new();

    public FakeDeliveryProblemSink Problems { get; } = new();

    public InMemoryStores Stores { get; } = new();

    public FlakyLedger Ledger { get; }

    public SteppingTimeProvider Time { get; } = new(Samples.Now);

    public IServiceProvider Services => _app.Services;

    public AnswerTokenService Tokens => _app.Services.GetRequiredService<AnswerTokenService>();

    public IOutboxReader Outbox => _app.Services.GetRequiredService<IOutboxReader>();

    public static async Task<EmailTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Settings(settings));
        var host = new EmailTestHost();
        builder.Services.AddSingleton<TimeProvider>(host.Time);
        builder.Services.AddSingleton<IAnswerSink>(host.Sink);
        builder.Services.AddSingleton<IConsultationLookup>(host.Lookup);
        builder.Services.AddSingleton<IDeliveryProblemSink>(host.Problems);
        builder.Services.AddSingleton<IOutboxStore>(host.Stores);
        builder.Services.AddSingleton<ISentLog>(host.Stores);
        builder.Services.AddSingleton<IWebhookEventLog>(host.Stores);
        builder.Services.AddSingleton<IAnswerLedger>(host.Ledger);
        builder.Services.AddEmail(builder.Configuration);
        var app = builder.Build();
        app.MapRespondApi();
        app.MapEmailWebhooksApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host._app = app;
        host.Client = new HttpClient { BaseAddress = new Uri(address) };
        return host;
    }

    public string Token(int round = 1, DateTimeOffset? expires = null) =>
        Tokens.Issue(new AnswerToken(Samples.NegotiationId, Samples.PartnerId, round, expires ?? Samples.ResponseDeadline.AddDays(30)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides)
    {
        var options = Samples.Options();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Email:Transport"] = "Outbox",
            ["Email:FromAddress"] = options.FromAddress,
            ["Email:PublicBaseUrl"] = options.PublicBaseUrl.ToString(),
            ["Email:InboundDomain"] = options.InboundDomain,
            ["Email:InboundSecret"] = options.InboundSecret,
            ["Email:MaxInboundBytes"] = "200000",
            ["Email:Tokens:ActiveKeyId"] = options.Tokens.ActiveKeyId,
        };
        foreach (var (id, secret) in options.Tokens.Keys)
        {
            settings[$"Email:Tokens:Keys:{id}"] = secret;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
