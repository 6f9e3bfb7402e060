using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LaaWorkflow.Reliability.Scenarios;

namespace LaaWorkflow.Reliability.Report;

/// <summary>The table the command prints and the RELIABILITY.md it writes.</summary>
internal static class ReliabilityReport
{
    /// <summary>Faults that are tests rather than rows: named here so the regenerated file still points at them.</summary>
    private const string HostileInputs = "The hostile-input cases (malformed, huge and deeply nested bodies, forged and replayed answer tokens, missing keys, markup and line breaks in every text field) are tests rather than rows: `tests/LaaWorkflow.Functions.Tests/Security/Hostile/` and `tests/LaaWorkflow.Email.Tests/Transports/HostileHeaderTests.cs`, run by `bash scripts/test.sh`. Each fails if the host answers 5xx or any stored state changes. The engine's replay is checked by a randomised property test (`tests/LaaWorkflow.Durable.Tests/Replay/Randomised/`).";

    private static readonly Dictionary<string, string> s_descriptions = new(StringComparer.Ordinal)
    {
        ["crashes"] = "The eleven demonstration negotiations on the Azure Storage backend (a real host process on Azurite, virtual clock, outbox email) while the host is SIGKILLed at random moments and restarted on the same port and lease name with the virtual time the driver had reached; run after run until the kills reach the crash points. Each run must end as an unharmed baseline run did: same phase, partner statuses and timeline (without timestamps) for every negotiation (entries written in one instant by parallel activities may be listed in either order; phases must come in the same order), every email of the baseline stored once and no other, every answer the host confirmed in the final state, no instance left running.",
        ["two-hosts"] = "Two hosts share the task hub (each with its own virtual clock, moved together by the driver); at a random moment one is SIGKILLed and not restarted. The survivor takes its partitions when their leases expire and must finish every negotiation: none unfinished, no confirmed answer lost, no email sent twice (the same logical email, that is negotiation, recipient, kind, subject and the round or step its key ends with, stored twice).",
        ["storage-outage"] = "Just before a randomly chosen partner answer, Azurite is stopped for 30 seconds and started again on the same data. During the outage /api/health must answer 503 and the answer a 503 page saying to try again, with Retry-After (never a success); after recovery the partner answers again and the run must end as the unharmed baseline did, with nothing lost.",
        ["duplicate-delivery"] = "Four demonstration negotiations through the negotiation service on the Azure Storage backend (in-process, a private Azurite, outbox email) with a fault injector between the backend and its queues: every control-queue and work-item message sent twice, copies held back and released after the instances finished, originals delayed at random and received batches shuffled. Partners endorse through their answer links and the Government Office approves; every negotiation must be finalised with each answer recorded, no email key sent twice by the transport, and no instance left running. The same injector drives the delivery tests in `tests/LaaWorkflow.Durable.AzureStorage.Tests/Delivery/`.",
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
        foreach (var scenario in known)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"- **{scenario.Name}**: {s_descriptions.GetValueOrDefault(scenario.Name, "see its class in tests/LaaWorkflow.Reliability/Scenarios.")}");
        }

        builder.AppendLine();
        builder.AppendLine(HostileInputs);
        builder.AppendLine();
        builder.AppendLine("How the driver stays honest: it is the demo's own driver (the same simulated partners, answering through the links in the emails), under an HTTP handler that treats a refused connection or a 503 as an unknown outcome and sends the same request again once the host is back, never as a success; every request it makes is safe to repeat (answers are recorded once per link, clock moves are absolute, starts carry an idempotency key). After each fault it waits until every task hub queue is empty (messages a dead host held count until they reappear) and the host has settled, so it looks at the same state an unharmed run would show. Answers lost counts answers whose POST got a 2xx but whose partner status in the final state does not show them (and is not superseded by a later round); duplicate emails counts outbox rows beyond the baseline's for the same negotiation, recipient, kind and subject, and any message key stored twice.");
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
