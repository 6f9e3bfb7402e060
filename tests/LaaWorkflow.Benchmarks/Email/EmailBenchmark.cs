using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Benchmarks.Email;

/// <summary>
/// The email library's costs, each next to a baseline measured in the same run: answer tokens against one bare
/// HMAC-SHA256, rendering an invitation, and outbox sends (first and repeated) against one bare table insert of the
/// same size on a private Azurite.
/// </summary>
internal sealed class EmailBenchmark : IBenchmarkSuite
{
    public string Name => "email";

    public string Description => "answer tokens, template rendering and outbox sends (Azurite) against bare baselines";

    public async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 1.0;
        int Count(int n) => Math.Max(1, (int)(n * scale));

        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var key = RandomNumberGenerator.GetBytes(32);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Email:TablePrefix"] = AzuriteFixture.NewTableName("bench"),
            ["Email:Tokens:ActiveKeyId"] = "k1",
            ["Email:Tokens:Keys:k1"] = Convert.ToBase64String(key),
        };
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddEmail(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        Console.WriteLine($"{Environment.ProcessorCount} cores; scale {scale}; Azurite tables on :{azurite.TablePort}");

        var tokens = services.GetRequiredService<AnswerTokenService>();
        var token = new AnswerToken("3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "northumbria-police", 2, DateTimeOffset.UtcNow.AddDays(90));
        var macInput = RandomNumberGenerator.GetBytes(70);
        var tokenCount = Count(50_000);
        var bareMac = Measure(tokenCount, () => HMACSHA256.HashData(key, macInput));
        var issueVerify = Measure(tokenCount, () =>
        {
            if (!tokens.Verify(tokens.Issue(token)).IsValid)
            {
                throw new InvalidOperationException("A token failed to verify.");
            }
        });
        Print("token issue + verify", issueVerify, "bare HMAC-SHA256 of 70 bytes", bareMac, "µs");

        var model = Invitation(tokens);
        var renderCount = Count(5_000);
        var render = Measure(renderCount, () => EmailTemplates.PartnerInvitation(model));
        var sample = EmailTemplates.PartnerInvitation(model);
        Console.WriteLine($"render invitation (5 targets): {render * 1000:F1} µs/op; text {sample.Text.Length} chars, html {sample.Html.Length} chars");

        var sender = services.GetRequiredService<IEmailSender>();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTableName("bare"));
        await table.CreateIfNotExistsAsync();
        await sender.SendAsync(Message("warm-up", sample), CancellationToken.None);
        var sends = Count(300);
        var bareInsert = await MeasureAsync(sends, i => table.AddEntityAsync(new TableEntity("p", i.ToString(CultureInfo.InvariantCulture)) { ["Text"] = sample.Text, ["Html"] = sample.Html }));
        var firstSend = await MeasureAsync(sends, i => sender.SendAsync(Message($"send-{i}", sample), CancellationToken.None));
        var repeatSend = await MeasureAsync(sends, i => sender.SendAsync(Message($"send-{i}", sample), CancellationToken.None));
        Print("outbox send (new key)", firstSend, "bare table insert, same bodies", bareInsert, "ms");
        Print("outbox send (repeated key, no-op)", repeatSend, "bare table insert, same bodies", bareInsert, "ms");
        return 0;
    }

    private static void Print(string name, double ms, string baselineName, double baselineMs, string unit)
    {
        var factor = unit == "µs" ? 1000 : 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {ms * factor:F2} {unit}/op; {baselineName}: {baselineMs * factor:F2} {unit}/op; ratio {ms / baselineMs:F1}x"));
    }

    /// <summary>Milliseconds per operation, after a warm-up of a tenth of the count.</summary>
    private static double Measure(int count, Action action)
    {
        for (var i = 0; i < Math.Max(1, count / 10); i++)
        {
            action();
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return watch.Elapsed.TotalMilliseconds / count;
    }

    private static async Task<double> MeasureAsync(int count, Func<int, Task> action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await action(i);
        }

        return watch.Elapsed.TotalMilliseconds / count;
    }

    private static EmailMessage Message(string key, RenderedEmail email) =>
        new(key, EmailKind.PartnerInvitation, new EmailAddress("p@police.example", "P. Contact"), email.Subject, email.Text, email.Html, "bench", "northumbria-police");

    private static PartnerInvitationModel Invitation(AnswerTokenService tokens)
    {
        var targets = Enumerable.Range(1, 5)
            .Select(i => new TargetLine($"NI {i * 10}", $"Indicator number {i}", "designated", 10m + i, [new("2008/09", 9m + i), new("2009/10", 8m + i), new("2010/11", 7m + i)]))
            .ToList();
        var raw = tokens.Issue(new AnswerToken("bench", "northumbria-police", 1, DateTimeOffset.UtcNow.AddDays(90)));
        return new PartnerInvitationModel(
            new AgreementSummary("Sunderland", "Sunderland City Council", "2008-2011", new DateTimeOffset(2008, 4, 14, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2008, 6, 30, 17, 0, 0, TimeSpan.Zero)),
            "P. Contact",
            "Northumbria Police",
            targets,
            new AnswerLinks(new Uri($"https://laa.example.org/api/respond/{raw}"), new EmailAddress($"reply+{raw}@inbound.example.org")),
            1);
    }
}
