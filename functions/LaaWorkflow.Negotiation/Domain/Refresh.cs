using System.Globalization;
using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>
/// What makes an agreement a later version of another: the yearly refresh of a finalised LAA. The refresh is a
/// negotiation of its own, on the previous version's partners, which consults only the partners a change concerns.
/// </summary>
/// <param name="Of">The id of the version it refreshes (the original agreement or an earlier refresh).</param>
/// <param name="Original">The id of the original agreement, version 1, which names every later version.</param>
/// <param name="Version">2 for the first refresh, and so on; the original agreement is version 1.</param>
/// <param name="Year">The year of the refresh, for example <c>2009</c>.</param>
/// <param name="PreviousTargets">
/// The previous version's agreed targets, what the refresh changes are measured against. Carried by the
/// orchestration's input; the read model keeps them in the previous version's own rows, not twice.
/// </param>
internal sealed record Refresh(string Of, string Original, int Version, string Year, IReadOnlyList<Target> PreviousTargets)
{
    /// <summary>The year an agreement of <paramref name="period"/> (<c>2008-2011</c>) was first agreed.</summary>
    public static string FirstYear(string period) => period.Length >= 4 ? period[..4] : period;

    /// <summary>The year a version stands for: the refresh's year, or the first year of the period for the original.</summary>
    public static string YearOf(Agreement agreement) => agreement.Refresh?.Year ?? FirstYear(agreement.Period);

    /// <summary>How a version names itself: "2009 refresh of the 2008 agreement".</summary>
    public static string Label(Agreement agreement) => agreement.Refresh is { } refresh
        ? $"{refresh.Year} refresh of the {FirstYear(agreement.Period)} agreement"
        : $"{FirstYear(agreement.Period)} agreement";

    /// <summary>The instance id of the <paramref name="year"/> refresh of an agreement whose original is <paramref name="original"/>.</summary>
    public static string IdFor(string original, string year) => string.Create(CultureInfo.InvariantCulture, $"{original}-refresh-{year}");

    /// <summary>
    /// Every target of both versions, each once, with what the refresh did to it: previous order first, then the added ones.
    /// </summary>
    public static IReadOnlyList<TargetChange> Compare(IReadOnlyList<Target> before, IReadOnlyList<Target> after)
    {
        var afterByKey = after.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var beforeKeys = before.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. before.Select(old => afterByKey.TryGetValue(old.Key, out var now)
                ? new TargetChange(old.Indicator, old.Kind, now.SameAs(old) ? TargetChangeKind.Unchanged : TargetChangeKind.Changed, old, now)
                : new TargetChange(old.Indicator, old.Kind, TargetChangeKind.Dropped, old, null)),
            .. after.Where(t => !beforeKeys.Contains(t.Key)).Select(t => new TargetChange(t.Indicator, t.Kind, TargetChangeKind.Added, null, t)),
        ];
    }

    /// <summary>What changed, in words: "NI 16, NI 39 changed; NI 40 added; 31 targets unchanged".</summary>
    public static string Describe(IReadOnlyList<TargetChange> changes)
    {
        var parts = new List<string>();
        foreach (var (kind, word) in new[] { (TargetChangeKind.Changed, "changed"), (TargetChangeKind.Added, "added"), (TargetChangeKind.Dropped, "dropped") })
        {
            var named = changes.Where(c => c.Change == kind).Select(c => c.Indicator).ToList();
            if (named.Count > 0)
            {
                parts.Add($"{string.Join(", ", named)} {word}");
            }
        }

        var unchanged = changes.Count(c => c.Change == TargetChangeKind.Unchanged);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{unchanged} target{(unchanged == 1 ? "" : "s")} unchanged"));
        return string.Join("; ", parts);
    }

    /// <summary>One change in words, as the Government Office's submission lists it: "NI 16 (designated, changed): 2009/10 16.8 to 16.0".</summary>
    public static string Line(TargetChange change)
    {
        var head = $"{change.Indicator} ({change.Kind.ToString().ToLowerInvariant()}, {change.Change.ToString().ToLowerInvariant()})";
        if (change is not { Change: TargetChangeKind.Changed, Before: { } before, After: { } after })
        {
            return head;
        }

        var what = new List<string>();
        if (before.Baseline != after.Baseline)
        {
            what.Add($"baseline {Number(before.Baseline)} to {Number(after.Baseline)}");
        }

        foreach (var year in before.Trajectory.Keys.Union(after.Trajectory.Keys).Order(StringComparer.Ordinal))
        {
            decimal? was = before.Trajectory.TryGetValue(year, out var b) ? b : null;
            decimal? now = after.Trajectory.TryGetValue(year, out var a) ? a : null;
            if (was != now)
            {
                what.Add($"{year} {Number(was)} to {Number(now)}");
            }
        }

        if (!before.LeadPartners.Order(StringComparer.Ordinal).SequenceEqual(after.LeadPartners.Order(StringComparer.Ordinal)))
        {
            what.Add($"lead partners {string.Join(", ", before.LeadPartners)} to {string.Join(", ", after.LeadPartners)}");
        }

        return what.Count == 0 ? head : $"{head}: {string.Join("; ", what)}";
    }

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "none";

    /// <summary>
    /// Whether the changes need the Government Office's decision: a designated target added, changed or dropped does;
    /// changes to statutory and local targets need only the consent of the partners concerned (2007 Act).
    /// </summary>
    public static bool NeedsGovernmentOffice(IEnumerable<TargetChange> changes) =>
        changes.Any(c => c.Kind == TargetKind.Designated && c.Change != TargetChangeKind.Unchanged);
}

/// <summary>What a refresh did to one target.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TargetChangeKind>))]
public enum TargetChangeKind
{
    /// <summary>Agreed as it was; nobody is asked again.</summary>
    Unchanged,

    /// <summary>New in this version.</summary>
    Added,

    /// <summary>Kept, with other values or lead partners.</summary>
    Changed,

    /// <summary>Not in this version.</summary>
    Dropped,
}

/// <summary>One target across two versions: <paramref name="Before"/> null when added, <paramref name="After"/> null when dropped.</summary>
internal sealed record TargetChange(string Indicator, TargetKind Kind, TargetChangeKind Change, Target? Before, Target? After)
{
    /// <summary>The lead partners of either version: whom the change concerns.</summary>
    public IEnumerable<string> LeadPartners => (Before?.LeadPartners ?? []).Concat(After?.LeadPartners ?? []).Distinct(StringComparer.Ordinal);
}
