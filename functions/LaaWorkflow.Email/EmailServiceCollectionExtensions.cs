using Azure.Data.Tables;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Email.Inbound;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Transports.Outbox;
using LaaWorkflow.Email.Transports.SendGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email;

/// <summary>Registers the email library.</summary>
public static class EmailServiceCollectionExtensions
{
    private const string SendGridClientName = "SendGrid";

    /// <summary>The Functions storage setting, read when the host has not registered a <see cref="TableServiceClient"/>.</summary>
    private const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Registers the sender (transport chosen by <c>Email__Transport</c>), the outbox reader, answer tokens and links,
    /// and what the answer and webhook endpoints need. Options come from the <c>Email</c> and <c>SendGrid</c> sections.
    /// </summary>
    /// <remarks>The host must also register the negotiation's <see cref="IAnswerSink"/>, <see cref="IConsultationLookup"/> and <see cref="Events.IDeliveryProblemSink"/>.</remarks>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName));
        services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AnswerTokenService>();
        services.TryAddSingleton<AnswerLinkFactory>();
        services.TryAddSingleton<AnswerRecorder>();
        services.TryAddSingleton<InboundParseHandler>();
        services.TryAddSingleton<EventWebhookHandler>();

        // The host may register its own TableServiceClient (managed identity, say); otherwise the Functions setting is used.
        services.TryAddSingleton(_ => new TableServiceClient(configuration[StorageSetting] ?? "UseDevelopmentStorage=true"));
        services.TryAddSingleton<IOutboxStore>(sp => new TableOutboxStore(Table(sp, "Outbox")));
        services.TryAddSingleton<ISentLog>(sp => new TableSentLog(Table(sp, "SentLog")));
        services.TryAddSingleton<IAnswerLedger>(sp => new TableAnswerLedger(Table(sp, "Answers")));
        services.TryAddSingleton<IWebhookEventLog>(sp => new TableWebhookEventLog(Table(sp, "WebhookEvents")));

        services.TryAddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<IOutboxReader>(sp => sp.GetRequiredService<OutboxEmailSender>());
        // SendGrid gets its own timeout per attempt, so the client's own timeout is off.
        services.AddHttpClient(SendGridClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new SendGridEmailSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridClientName),
            sp.GetRequiredService<IOptions<SendGridOptions>>(),
            sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetRequiredService<ISentLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SendGridEmailSender>>()));
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport switch
        {
            EmailTransport.SendGrid => sp.GetRequiredService<SendGridEmailSender>(),
            _ => sp.GetRequiredService<OutboxEmailSender>(),
        });
        return services;
    }

    private static LazyTable Table(IServiceProvider services, string name) =>
        new(services.GetRequiredService<TableServiceClient>().GetTableClient(services.GetRequiredService<IOptions<EmailOptions>>().Value.TablePrefix + name));
}
