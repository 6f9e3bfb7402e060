using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LaaWorkflow.Reliability.Scenarios;

namespace LaaWorkflow.Reliability.Report;

/// <summary>The table the command prints and the RELIABILITY.md it writes.</summary>
internal static class ReliabilityReport
{
    /// <summary>Faults that are tests rather than rows: named here so the regenerated file still points at them.</summary>
    private const string HostileInputs = "The hostile-input cases (malformed, huge and deeply nested bodies, forged and replayed answer tokens, missing keys, markup and line breaks in every text field) are tests rather than rows: `tests/LaaWorkflow.Functions.Tests/Security/Hostile/` and `tests/LaaWorkflow.Email.Tests/Transports/HostileHeaderTests.cs`, run by `bash scripts/test.sh`. Each fails if the host answers 5xx or any stored state changes. Replay itself is the Durable Task engine's (DurableTask.Core, DurableTask.AzureStorage); the orchestrators' determinism is covered by the negotiation tests (`tests/LaaWorkflow.Negotiation.Tests/`).";

    /// <summary>How every run plays, said once above the scenarios.</summary>
    private const string HowRunsPlay = "Every run is the demonstration round played by the demo's own driver (`functions/LaaWorkflow.LocalHost/Demo/DemoDriver.cs`) through the public API of a real host process (`functions/LaaWorkflow.LocalHost`, started by `tests/LaaWorkflow.Testing/Hosting/HostProcess.cs`) on the Durable Task engine with the DurableTask.AzureStorage backend on a private, on-disk Azurite and outbox email. The negotiations are started as rehearsals on one shared pace (3 s per business day; the calendar runs on in real time, also while a host or storage is down) with the demonstration's partners and targets but a short timetable (consultations opening a day apart, four weeks to answer, reminders 10 and 4 days before the deadline, escalation every 4 days, sign-off 90 days after the start), so an unharmed run of the eleven areas lasts three business months, some four and a half minutes: ten areas are signed off in about six weeks, and Westminster, whose objection the demonstration never resolves, misses the sign-off deadline. An unharmed baseline run in which a partner never answered fails its row (a calendar too fast for the machine). The simulated partners act when the calendar reaches their planned instants, answering through the links in their emails. Hosts run with a fixed `DurableTask__WorkerId` (a restarted host takes its partition leases back at once), four partitions, 100 ms queue polling and 10 s control and work-item queue visibility timeouts (messages a killed host had dequeued come back within 10 s).";

    private static readonly Dictionary<string, string> s_descriptions = new(StringComparer.Ordinal)
    {
        ["crashes"] = "The eleven areas while the host is SIGKILLed at random moments (a pause of 2 to 20 s after each restart, at most 10 kills a run) and restarted on the same port and worker id; run after run until the kills reach the crash points. Each run must end as an unharmed baseline run did: same phase, partner statuses and timeline (without timestamps) for every negotiation (entries written in one instant by parallel activities may be listed in either order; phases must come in the same order), every email of the baseline stored once and no other, every answer the host confirmed in the final state, no instance left running. Because the calendar runs on while the host is down, a partner may answer some business days later than in the baseline and get a reminder, escalation or lead digest more (or, for digests, the counts in them differ): those emails and the reminder, escalation and digest entries of the timeline are left out of the comparison (their count is in the notes), and dates in email subjects and timeline texts are ignored (a second round's deadline is set from when the revision came).",
        ["two-hosts"] = "Two hosts (worker ids primary and host2) share the task hub; the driver talks to the first; at a random moment the second is SIGKILLed and not restarted. The survivor takes its partitions when their leases expire (DurableTask.AzureStorage's 30 s lease) and must finish every negotiation of four areas as their unharmed run did: none unfinished, no confirmed answer lost, no email sent twice (the same key, or the same logical email, that is negotiation, recipient, kind, subject and the round or step its key ends with, stored twice).",
        ["storage-outage"] = "Four areas. Just before a randomly chosen partner answer, Azurite is stopped for 30 seconds and started again on the same data. During the outage /api/health must answer 503 and the answer a 503 page saying to try again, with Retry-After (never a success); after recovery the partner answers again and the run must end as the unharmed baseline did (with the same allowance for reminders as the crashes), with nothing lost.",
        ["duplicate-delivery"] = "Four areas on a host whose `AzureWebJobsStorage` QueueEndpoint is a small HTTP proxy in front of Azurite's queue endpoint (`tests/LaaWorkflow.Reliability/Harness/QueueProxy.cs`), so DurableTask.AzureStorage runs unchanged on misbehaving queues: every Put Message to a task hub queue (control queues and work items) is sent a second time 1 to 10 s later, giving a second message with the same body (an activity run twice, an event, timer or sub-orchestration start delivered twice and late), and the messages of every Get Messages answer are shuffled before the host sees them. Copies are never sent at once: in a trial with half of them sent immediately, DurableTask.AzureStorage 2.11.3 received a sub-orchestration's ExecutionStarted message and its copy in one batch, failed every later work item of that instance with `Multiple ExecutionStartedEvent found, potential corruption in state storage` and abandoned it again and again: each partner consultation of Stockton stopped after its invitation, every partner's answer was refused (410) and the negotiation missed its sign-off deadline. That is the engine's, not ours; an immediately repeated send of a start message is what a client retrying a put that timed out would produce. Requests are forwarded byte for byte, so their Shared Key signatures hold. Every negotiation must end as the unharmed run of the same areas did, with each answer recorded, no email sent twice and no instance left running.",
    };

    public static string Table(IReadOnlyList<ScenarioResult> rows)
    {
        var builder = new StringBuilder();
        builder.AppendLine("| scenario | runs | failures | answers lost | duplicate emails | instances left unfinished | notes |");
        builder.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Runs} | {row.Failures} | {row.AnswersLost} | {row.DuplicateEmails} | {row.InstancesUnfinished} | {row.Notes.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        return builder.ToString();
    }

    public static string Markdown(IReadOnlyList<ScenarioResult> rows, ReliabilityOptions options, string command, TimeSpan took, IReadOnlyList<IReliabilityScenario> known)
    {
        var builder = new StringBuilder();
        builder.AppendLine("# Reliability");
        builder.AppendLine();
        builder.AppendLine("Faults a statutory negotiation must survive without losing an answer or sending an email twice, played against the real host binary. Produced by:");
        builder.AppendLine();
        builder.AppendLine("```");
        builder.AppendLine(command);
        builder.AppendLine("```");
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Seed {options.Seed}, {options.CrashPoints} crash points, {took.TotalMinutes:F1} minutes in all, {DateTime.UtcNow:yyyy-MM-dd} UTC.");
        builder.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {MemoryGiB()}.");
        builder.AppendLine();
        builder.Append(Table(rows));
        builder.AppendLine();
        builder.AppendLine("A row fails when any of its counts is above zero or one of its checks failed; the command then exits 1. Run logs (the demo driver's narration of each run, and the hosts' output of a failed run) go to `artifacts/reliability/`.");
        builder.AppendLine();
        builder.AppendLine("## What each scenario does");
        builder.AppendLine();
        builder.AppendLine(HowRunsPlay);
        builder.AppendLine();
        foreach (var scenario in known)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"- **{scenario.Name}**: {s_descriptions.GetValueOrDefault(scenario.Name, "see its class in tests/LaaWorkflow.Reliability/Scenarios.")}");
        }

        builder.AppendLine();
        builder.AppendLine(HostileInputs);
        builder.AppendLine();
        builder.AppendLine("How the driver stays honest: it is the demo's own driver (the same simulated partners, answering through the links in the emails), under an HTTP handler that treats a refused connection or a 503 as an unknown outcome and sends the same request again once the host is back, never as a success; every request it makes is safe to repeat (answers are recorded once per link, starts carry an idempotency key, a decision or revision already taken is refused). At the end of a run it waits until the task hub holds no running, pending or suspended instance (at most 3 minutes), then reads every negotiation through the API and the outbox table itself. Answers lost counts answers whose POST got a 2xx but whose partner status in the final state does not show them (and is not superseded by a later round); duplicate emails counts any email key stored twice, any logical email (negotiation, recipient, kind, subject, round or step) stored twice under two keys, and any email other than reminders, escalations, digests, chases of the LSP lead and sign-off warnings (whose number depends on when people answer) that the baseline did not send; instances left unfinished counts negotiations not in a final phase plus instances still running.");
        return builder.ToString();
    }

    private static string MemoryGiB()
    {
        const string meminfo = "/proc/meminfo";
        if (!File.Exists(meminfo))
        {
            return "memory unknown";
        }

        var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null
            ? "memory unknown"
            : string.Create(CultureInfo.InvariantCulture, $"{long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB RAM");
    }
}
