using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Benchmarks.DurableEngine;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Validation;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Benchmarks.Negotiation;

/// <summary>
/// The negotiation workflow's costs: validating a demonstration request, rendering an agreement document, and the
/// eleven demonstration negotiations run together from start to sign-off on the in-memory task hub as rehearsals, with
/// read models and documents on a private Azurite.
/// </summary>
internal sealed class NegotiationBenchmark : IBenchmarkSuite
{
    public string Name => "negotiation";

    public string Description => "validation, document rendering and the 11 demo negotiations end to end (in-memory task hub, Azurite)";

    public async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 1.0;
        var requests = DemoNegotiations.All();

        var validations = Math.Max(1, (int)(2000 * scale));
        _ = NegotiationValidator.Validate(requests[0]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < validations; i++)
        {
            _ = NegotiationValidator.Validate(requests[i % requests.Count]);
        }

        Report("validate one demo request", clock.Elapsed, validations);

        var leeds = NegotiationValidator.Validate(DemoNegotiations.For("Leeds")).Value!;
        var model = new AgreementDocumentModel("leeds-bench", AgreementHeader.From(leeds), leeds.LspLead, leeds.GovernmentOfficeNegotiator,
            leeds.Partners, leeds.Targets, [], leeds.Timetable.SignOffDeadline, null);
        var renders = Math.Max(1, (int)(500 * scale));
        var size = AgreementDocumentRenderer.Render(model).Length;
        clock.Restart();
        for (var i = 0; i < renders; i++)
        {
            _ = AgreementDocumentRenderer.Render(model);
        }

        Report($"render the Leeds document ({size / 1024} KiB)", clock.Elapsed, renders);

        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableTask:StorageProvider:Type"] = TaskHubStorageOptions.InMemoryType,
            ["Email:Tokens:ActiveKeyId"] = "bench",
            ["Email:Tokens:Keys:bench"] = Convert.ToBase64String(new byte[32]),
            ["Negotiation:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Rehearsals:Enabled"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IEmailSender>(new CountingSender(sent));
        builder.Services.AddSingleton(new TableServiceClient(azurite.ConnectionString));
        builder.Services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
        builder.Services.AddLocalTaskHub(builder.Configuration, azurite.ConnectionString, registry => registry.AddNegotiationTasks(), NegotiationServiceCollectionExtensions.DataConverter);
        builder.Services.AddEmail(builder.Configuration);
        builder.Services.AddNegotiation(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<NegotiationService>();
        var answers = host.Services.GetRequiredService<IAnswerSink>();

        clock.Restart();
        var ids = new List<string>();
        foreach (var request in requests)
        {
            ids.Add((await service.StartAsync(Rehearsal(request))).InstanceId!);
        }

        var started = clock.Elapsed;
        var partners = requests.Sum(r => r.Partners!.Count);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await RoundDriver.DriveAsync(service, answers, ids, deadline.Token);
        await host.StopAsync(CancellationToken.None);
        var total = clock.Elapsed;
        Console.WriteLine($"11 demo negotiations, {partners} partner consultations, {sent.Count} emails, start to sign-off:");
        Console.WriteLine($"  start and invite: {started.TotalMilliseconds,8:F0} ms");
        Console.WriteLine($"  whole run:        {total.TotalMilliseconds,8:F0} ms  ({total.TotalMilliseconds / requests.Count:F0} ms per negotiation, {total.TotalMilliseconds / partners:F1} ms per partner)");
        return 0;
    }

    /// <summary>
    /// The request on a calendar opening its consultation now, one business day a second: the round needs no timer,
    /// so the pace only keeps the deadlines well after the answers.
    /// </summary>
    private static NegotiationRequest Rehearsal(NegotiationRequest request) =>
        request with { Pace = new PaceRequest { Anchor = request.Timetable!.ConsultationOpens, SecondsPerDay = 1 } };

    private static void Report(string what, TimeSpan elapsed, int count) =>
        Console.WriteLine($"{what,-40} {count,7} x  {elapsed.TotalMicroseconds / count,9:F1} us each");

    private sealed class CountingSender(ConcurrentDictionary<string, byte> sent) : IEmailSender
    {
        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(sent.TryAdd(message.Key, 0) ? EmailSendResult.Sent : EmailSendResult.AlreadySent);
    }
}
