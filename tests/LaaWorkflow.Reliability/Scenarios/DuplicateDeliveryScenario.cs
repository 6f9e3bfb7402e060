using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Durable;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Testing;
using LaaWorkflow.Testing.Delivery;
using LaaWorkflow.Testing.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using AnswerSource = LaaWorkflow.Email.Answers.AnswerSource;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// <c>duplicate-delivery</c>: demonstration negotiations run on the Azure Storage backend (a private Azurite) with every
/// queue message delivered twice, late copies, delayed originals and shuffled batches, injected between the backend and
/// its queues. Partners answer, the Government Office approves, every negotiation must be finalised with each answer
/// recorded, no email key sent twice, and no instance left unfinished.
/// </summary>
internal sealed class DuplicateDeliveryScenario : IReliabilityScenario
{
    /// <summary>How many of the demonstration areas negotiate at once.</summary>
    private const int Areas = 4;

    private static readonly DateTimeOffset Start = new(2007, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public string Name => "duplicate-delivery";

    public async Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var delivery = new UnreliableDelivery(new UnreliableDeliveryOptions { Seed = options.Seed, DuplicateProbability = 1.0 });
        CountingEmailSender? emails = null;
        await using var host = await DurableTestHost.StartAsync(
            worker => delivery.UseAzureStorageBackend(worker, o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = "dup" + Guid.NewGuid().ToString("N")[..12];
                o.PartitionCount = 4;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
            }),
            services =>
            {
                services.AddLogging();
                services.AddSingleton(new TableServiceClient(azurite.ConnectionString));
                services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
                var configuration = Configuration();
                services.AddEmail(configuration);
                services.AddNegotiation(configuration);

                // The real transport (the outbox), counted: a key it sends twice is a duplicate email.
                var transport = services.Single(d => d.ServiceType == typeof(IEmailSender));
                services.Remove(transport);
                services.AddSingleton<IEmailSender>(sp => emails ??= new CountingEmailSender((IEmailSender)transport.ImplementationFactory!(sp)));
            },
            Start,
            Deadline);

        var service = host.Services.GetRequiredService<NegotiationService>();
        var answers = host.Services.GetRequiredService<IAnswerSink>();
        var requests = DemoNegotiations.All().Take(Areas).ToList();
        var ids = new List<string>();
        foreach (var request in requests)
        {
            var started = await service.StartAsync(request, $"dup-{options.Seed}-{request.Area}", cancellationToken);
            ids.Add(started.InstanceId ?? throw new InvalidOperationException($"{request.Area} did not start: {string.Join("; ", started.Errors?.Keys ?? [])}"));
        }

        // Consultation opens; every partner endorses a week later, all answers in flight together.
        var opens = requests.Max(r => r.Timetable!.ConsultationOpens!.Value);
        await host.Clock.AdvanceToAsync(opens.AddDays(7), host.NewDeadline());
        var accepted = new List<(string Id, string Partner)>();
        var failures = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var partner in requests[i].Partners!)
            {
                var result = await answers.SubmitAsync(
                    new AnswerSubmission(ids[i], partner!.Id!, 1, AnswerDecision.Endorse, null, AnswerSource.EmailLink, host.Clock.GetUtcNow()), cancellationToken);
                if (result.Status == AnswerSinkStatus.Accepted)
                {
                    accepted.Add((ids[i], partner.Id!));
                }
                else
                {
                    failures++;
                }
            }
        }

        // The Government Office approves each draft once it has reached it.
        await host.Clock.AdvanceToAsync(opens.AddDays(14), host.NewDeadline());
        foreach (var id in ids)
        {
            var decided = await service.GovernmentOfficeDecisionAsync(id, approved: true, "Agreed for the Secretary of State.", cancellationToken);
            failures += decided.Status == NegotiationResultStatus.Accepted ? 0 : 1;
        }

        var answersLost = 0;
        foreach (var id in ids)
        {
            try
            {
                await host.WaitForCompletionAsync(id);
            }
            catch (OperationCanceledException)
            {
                // Reported below as unfinished.
            }

            await host.SettleAsync();
            var view = await service.GetAsync(id, cancellationToken);
            failures += view?.Phase == NegotiationPhase.Finalised ? 0 : 1;
            answersLost += accepted.Count(a => a.Id == id && view?.Partners.Single(p => p.Id == a.Partner).Status != PartnerStatus.Endorsed);
        }

        var unfinished = await host.Client.GetInstancesPageAsync(
            new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.ContinuedAsNew] },
            cancellationToken);
        var sent = emails ?? throw new InvalidOperationException("No email was sent at all.");
        var notes = $"seed {options.Seed}; {ids.Count} negotiations, {accepted.Count} answers; {delivery.CopiesSent} extra copies of {delivery.MessagesSent} queue messages, "
            + $"{delivery.BatchesShuffled} batches reordered; {sent.Sent} emails, {sent.AlreadySent} repeated sends refused";
        return new ScenarioResult(Name, ids.Count, failures, answersLost, sent.DuplicateKeys, unfinished.Instances.Count, notes);
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Email:Tokens:ActiveKeyId"] = "reliability",
        ["Email:Tokens:Keys:reliability"] = Convert.ToBase64String(new byte[32]),
        ["Email:PublicBaseUrl"] = "https://laa.example/",
        ["Email:TablePrefix"] = "dupmail",
        ["Negotiation:TablePrefix"] = "dupneg",
        ["Negotiation:DocumentContainer"] = "dup-agreements",
    }).Build();
}
