using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Negotiation.Demo;

/// <summary>
/// The 2009 refresh of a demonstration agreement: two designated targets (led by different partners where the area
/// has them) and the local target made more ambitious in their last year, consulted over January and February 2009
/// and signed off by the end of March, when ministers signed off the 2009 refreshes. Deterministic.
/// </summary>
public static class DemoRefreshes
{
    /// <summary>When the refresh's calendar starts: the first working Monday of 2009.</summary>
    public static readonly DateTimeOffset Anchor = new(2009, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The 2009 refresh of <paramref name="agreement"/> (a request of <see cref="DemoNegotiations"/>), without a pace.</summary>
    public static RefreshRequest For(NegotiationRequest agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var targets = agreement.Targets!.ToList();
        var first = targets.FindIndex(t => t?.Kind == "designated");
        var second = targets.FindIndex(first + 1, t => t?.Kind == "designated" && !t.LeadPartners!.SequenceEqual(targets[first]!.LeadPartners!));
        if (second < 0)
        {
            second = targets.FindIndex(first + 1, t => t?.Kind == "designated");
        }

        var local = targets.FindIndex(t => t?.Kind == "local");
        foreach (var i in new[] { first, second, local }.Where(i => i >= 0))
        {
            targets[i] = Stretched(targets[i]!);
        }

        return new RefreshRequest
        {
            Year = "2009",
            Targets = targets,
            Timetable = new TimetableRequest
            {
                ConsultationOpens = new DateTimeOffset(2009, 1, 12, 9, 0, 0, TimeSpan.Zero),
                ResponseDeadline = new DateTimeOffset(2009, 2, 13, 17, 0, 0, TimeSpan.Zero),
                SignOffDeadline = new DateTimeOffset(2009, 3, 31, 17, 0, 0, TimeSpan.Zero),
                ReminderDaysBefore = [14, 7, 2],
                EscalationEveryDays = 5,
            },
        };
    }

    /// <summary>The target a fifth more ambitious in its last year, in the direction it already improves.</summary>
    private static TargetRequest Stretched(TargetRequest target) => target with
    {
        Trajectory = target.Trajectory!.ToDictionary(
            y => y.Key,
            y => y.Key == "2010/11" && target.Baseline is { } baseline ? Math.Round(y.Value + ((y.Value - baseline) / 5m), 1) : y.Value),
    };
}
