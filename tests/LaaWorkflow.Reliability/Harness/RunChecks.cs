using System.Text.RegularExpressions;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>What one run got wrong, counted the way the report's columns count it.</summary>
internal sealed record RunFindings(int AnswersLost, int DuplicateEmails, int InstancesUnfinished, IReadOnlyList<string> Problems)
{
    public bool Failed => AnswersLost > 0 || DuplicateEmails > 0 || InstancesUnfinished > 0 || Problems.Count > 0;
}

/// <summary>Checks a run's end state: on its own, and against an unharmed baseline run of the same areas.</summary>
internal static partial class RunChecks
{
    private static readonly string[] s_timingKinds = ["reminded|", "escalated|", "digest|", "lead-reminded|", "lead-escalated|", "signoff-warning|"];

    private static readonly Dictionary<string, string> s_statusOfDecision = new(StringComparer.Ordinal)
    {
        ["endorse"] = "endorsed",
        ["object"] = "objected",
        ["request-changes"] = "changesRequested",
    };

    /// <param name="run">The run's end.</param>
    /// <param name="confirmed">The answers hosts confirmed during the run.</param>
    /// <param name="areas">The areas the run played.</param>
    /// <param name="baseline">The unharmed run's end, or null to check the run on its own.</param>
    /// <remarks>
    /// The calendar runs on while a host or storage is down, so after a fault a partner may answer some business days
    /// later than in the unharmed run and meanwhile get a reminder or escalation more. Those (and the lead's digests,
    /// which count the answers so far, the lead's chases and the sign-off warnings, which list what is outstanding) may
    /// differ from the baseline; every other email, the phases in order, each
    /// partner's final answer and round, and every other timeline entry must be the baseline's.
    /// </remarks>
    public static RunFindings Check(RunSnapshot run, IReadOnlyList<ConfirmedAnswer> confirmed, IReadOnlyList<string> areas, RunSnapshot? baseline)
    {
        var problems = new List<string>();
        var unfinished = run.Negotiations.Count(n => !n.IsFinal) + run.InstancesRunning;
        if (run.Negotiations.Count != areas.Count)
        {
            problems.Add($"{run.Negotiations.Count} negotiations found, {areas.Count} expected");
            unfinished += Math.Max(0, areas.Count - run.Negotiations.Count);
        }

        var lost = AnswersLost(run, confirmed, problems);

        // An email key stored twice, or one email stored again under another key, is an email sent twice.
        var duplicates = run.Emails.GroupBy(e => e.Key, StringComparer.Ordinal).Sum(g => g.Count() - 1);
        foreach (var twice in run.Emails.GroupBy(e => e.Logical, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            duplicates += twice.Count() - 1;
            problems.Add($"sent {twice.Count()} times: {twice.Key} (keys {string.Join(", ", twice.Select(e => e.Key))})");
        }

        if (baseline is not null)
        {
            var expected = baseline.Emails.Where(e => !e.DependsOnTiming).Select(e => e.Comparable).ToHashSet(StringComparer.Ordinal);
            var actual = run.Emails.Where(e => !e.DependsOnTiming).Select(e => e.Comparable).ToHashSet(StringComparer.Ordinal);
            var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
            {
                duplicates += extra.Count;
                problems.Add($"{extra.Count} emails the baseline did not send, e.g. {extra[0]}");
            }

            if (missing.Count > 0)
            {
                problems.Add($"{missing.Count} emails of the baseline were never sent, e.g. {missing[0]}");
            }

            CompareEnds(run, baseline, problems);
        }

        return new RunFindings(lost, duplicates, unfinished, problems);
    }

    /// <summary>Reminders, escalations and digests the run sent beyond or short of the baseline's (allowed: see <see cref="Check"/>).</summary>
    public static int TimingEmailsDiffering(RunSnapshot run, RunSnapshot baseline) =>
        Math.Abs(run.Emails.Count(e => e.DependsOnTiming) - baseline.Emails.Count(e => e.DependsOnTiming));

    private static int AnswersLost(RunSnapshot run, IReadOnlyList<ConfirmedAnswer> confirmed, List<string> problems)
    {
        var lost = 0;
        // A partner's answer is kept in its round; a later round (a revision) supersedes it, which needed it recorded.
        foreach (var answer in confirmed.DistinctBy(a => (a.NegotiationId, a.PartnerId, a.Round)))
        {
            var negotiation = run.Negotiations.FirstOrDefault(n => n.Id == answer.NegotiationId);
            var partner = negotiation?.Partners.FirstOrDefault(p => p.StartsWith(answer.PartnerId + "=", StringComparison.Ordinal));
            var expected = $"{answer.PartnerId}={s_statusOfDecision.GetValueOrDefault(answer.Decision, answer.Decision)}@{answer.Round}";
            var superseded = partner is not null && int.TryParse(partner[(partner.LastIndexOf('@') + 1)..], out var round) && round > answer.Round;
            if (partner != expected && !superseded)
            {
                lost++;
                problems.Add($"confirmed answer {answer.Decision} of {answer.PartnerId} in {answer.NegotiationId} round {answer.Round} is not in the final state ({partner ?? "partner missing"})");
            }
        }

        return lost;
    }

    private static void CompareEnds(RunSnapshot run, RunSnapshot baseline, List<string> problems)
    {
        foreach (var expected in baseline.Negotiations)
        {
            var actual = run.Negotiations.FirstOrDefault(n => n.Area == expected.Area);
            if (actual is null)
            {
                continue;
            }

            if (actual.Phase != expected.Phase)
            {
                problems.Add($"{expected.Area}: ended {actual.Phase}, baseline {expected.Phase}");
            }

            if (!actual.Partners.SequenceEqual(expected.Partners))
            {
                problems.Add($"{expected.Area}: partner statuses differ from the baseline: {string.Join(", ", actual.Partners.Except(expected.Partners))}");
            }

            // Entries written in one instant by activities running side by side may be listed in either order, so the
            // timeline must hold the same entries as often, and its phases (which are sequential) in the same order.
            var extra = Difference(Comparable(actual.Timeline), Comparable(expected.Timeline));
            var missing = Difference(Comparable(expected.Timeline), Comparable(actual.Timeline));
            if (extra.Count > 0 || missing.Count > 0)
            {
                problems.Add($"{expected.Area}: timeline differs from the baseline: {extra.Count} entries more ('{extra.FirstOrDefault()}'), "
                    + $"{missing.Count} fewer ('{missing.FirstOrDefault()}')");
            }
            else if (!Phases(Comparable(actual.Timeline)).SequenceEqual(Phases(Comparable(expected.Timeline))))
            {
                problems.Add($"{expected.Area}: phases in another order than the baseline's: {string.Join(" > ", Phases(Comparable(actual.Timeline)))}");
            }
        }
    }

    /// <summary>
    /// The timeline without its reminders, escalations, digests, chases of the LSP lead and sign-off warnings, whose
    /// number (and a digest's or warning's list of what is outstanding) depends on when partners and leads answered,
    /// and with dates left out (a second round's deadline is set from when
    /// the revision came).
    /// </summary>
    private static List<string> Comparable(IReadOnlyList<string> timeline) =>
        [.. timeline.Where(t => !s_timingKinds.Any(k => t.StartsWith(k, StringComparison.Ordinal))).Select(t => DateInText().Replace(t, "<date>"))];

    [GeneratedRegex(@"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}( \d{1,2}:\d{2} UTC|, \d{1,2}:\d{2} UTC)?")]
    private static partial Regex DateInText();

    private static List<string> Difference(IReadOnlyList<string> from, IReadOnlyList<string> remove)
    {
        var left = from.ToList();
        foreach (var entry in remove)
        {
            left.Remove(entry);
        }

        return left;
    }

    private static IEnumerable<string> Phases(IReadOnlyList<string> timeline) => timeline.Where(t => t.StartsWith("phase|", StringComparison.Ordinal));
}
