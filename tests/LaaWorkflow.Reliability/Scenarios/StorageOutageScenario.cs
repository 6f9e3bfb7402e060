using System.Net;
using System.Net.Http.Headers;
using LaaWorkflow.Reliability.Harness;

namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>
/// Mid-run, just as a partner is about to answer, Azurite is stopped for <see cref="Outage"/> and started again. During
/// the outage <c>/api/health</c> must answer 503 and the partner's answer a 503 "try again" with <c>Retry-After</c>,
/// never a success; after recovery the partner answers again and the run must end as the unharmed baseline did.
/// </summary>
internal sealed class StorageOutageScenario : IReliabilityScenario
{
    public string Name => "storage-outage";

    internal static IReadOnlyList<string>? Areas { get; set; }

    /// <summary>The outage comes before one of the answers from the third up to (not including) this one, chosen by the seed.</summary>
    internal static int AnswersBefore { get; set; } = 12;

    /// <summary>How long storage stays down.</summary>
    internal static TimeSpan Outage { get; set; } = TimeSpan.FromSeconds(30);

    public async Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        // Four areas, as two-hosts and duplicate-delivery play (one baseline for the three), all signed off in weeks.
        var areas = Areas ?? ScenarioContext.AllAreas.Take(4).ToList();
        var baseline = await Baselines.GetAsync(areas, ScenarioContext.LogFolder, cancellationToken);
        var random = new Random(options.Seed + 3);
        await using var supervisor = await HostSupervisor.StartAsync(1, cancellationToken);
        var hooks = new OutageHooks(supervisor, random.Next(3, AnswersBefore), Outage);
        var answers = await DemoRun.PlayAsync(supervisor, areas, hooks, Path.Combine(ScenarioContext.LogFolder, "storage-outage.log"), cancellationToken);
        await supervisor.WaitForInstancesToFinishAsync(TimeSpan.FromMinutes(3), cancellationToken);

        var end = await RunSnapshot.ReadAsync(supervisor, areas, cancellationToken);
        var findings = RunChecks.Check(end, answers.Confirmed, areas, baseline.End);
        var problems = findings.Problems.Concat(hooks.Problems).ToList();
        if (!hooks.Happened)
        {
            problems.Add("the run ended before the outage");
        }

        var failed = findings.Failed || problems.Count > 0;
        if (failed)
        {
            ScenarioContext.SaveHostOutput("storage-outage", supervisor.HostOutput());
        }

        var lost = findings.AnswersLost + hooks.FalseSuccesses;
        return new ScenarioResult(Name, 1, failed ? 1 : 0, lost, findings.DuplicateEmails, findings.InstancesUnfinished,
            $"storage down {Outage.TotalSeconds:F0} s at answer {hooks.AtAnswer}: {hooks.Observed}" + (problems.Count > 0 ? "; " + string.Join("; ", problems.Take(3)) : ""));
    }

    /// <summary>Stops storage before the chosen answer, checks what health and the answer route say, then restarts it.</summary>
    internal sealed class OutageHooks(HostSupervisor supervisor, int atAnswer, TimeSpan outage) : FaultHooks
    {
        private int _answers;

        public int AtAnswer => atAnswer;

        public bool Happened { get; private set; }

        public int FalseSuccesses { get; private set; }

        public string Observed { get; private set; } = "";

        public List<string> Problems { get; } = [];

        public override async Task BeforeAnswerAsync(Uri link, byte[] form, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken)
        {
            if (Happened || Interlocked.Increment(ref _answers) != atAnswer)
            {
                return;
            }

            Happened = true;
            var started = DateTime.UtcNow;
            await supervisor.BeginOutageAsync();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
                var health = await HealthDuringOutageAsync(http, cancellationToken);
                using var content = new ByteArrayContent(form);
                content.Headers.ContentType = contentType;
                using var answer = await http.PostAsync(link, content, cancellationToken);
                var page = await answer.Content.ReadAsStringAsync(cancellationToken);
                var retryAfter = answer.Headers.RetryAfter?.Delta?.TotalSeconds;
                Observed = $"health {(int)health}, answer {(int)answer.StatusCode} Retry-After {retryAfter?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
                if (health != HttpStatusCode.ServiceUnavailable)
                {
                    Problems.Add($"/api/health answered {(int)health} during the outage");
                }

                if (answer.IsSuccessStatusCode)
                {
                    FalseSuccesses++;
                    Problems.Add("an answer posted during the outage was confirmed although storage was down");
                }
                else if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || retryAfter is null || !page.Contains("try again", StringComparison.OrdinalIgnoreCase))
                {
                    Problems.Add($"an answer posted during the outage got {(int)answer.StatusCode} without a clear 'try again' (Retry-After {retryAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}): {page[..Math.Min(page.Length, 300)]}");
                }

                // Keep storage down for the whole outage, however quickly the checks above were answered.
                var left = outage - (DateTime.UtcNow - started);
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(left, cancellationToken);
                }
            }
            finally
            {
                await supervisor.EndOutageAsync();
            }
        }

        private async Task<HttpStatusCode> HealthDuringOutageAsync(HttpClient http, CancellationToken cancellationToken)
        {
            // Health probes storage itself, so its first answer after the stop already tells; a few tries cover a slow one.
            var status = HttpStatusCode.OK;
            for (var attempt = 0; attempt < 5 && status != HttpStatusCode.ServiceUnavailable; attempt++)
            {
                using var response = await http.GetAsync(new Uri(supervisor.BaseUrl, "api/health"), cancellationToken);
                status = response.StatusCode;
            }

            return status;
        }
    }
}
