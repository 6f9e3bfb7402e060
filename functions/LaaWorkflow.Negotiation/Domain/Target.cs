namespace LaaWorkflow.Negotiation.Domain;

/// <summary>One target of the agreement.</summary>
/// <param name="Indicator">The canonical indicator code (<c>NI 16</c>) or, for a local target, its free text.</param>
/// <param name="Kind">Designated, statutory or local.</param>
/// <param name="LeadPartners">Ids of the partners who lead on it.</param>
/// <param name="Baseline">The baseline value, if given.</param>
/// <param name="Trajectory">The target value for each year of the period.</param>
/// <param name="HigherIsBetter">Whether the indicator improves as it rises; null only for a local target that does not say.</param>
/// <param name="Justification">Why the trajectory gets worse from one year to the next, when it does.</param>
internal sealed record Target(
    string Indicator,
    TargetKind Kind,
    IReadOnlyList<string> LeadPartners,
    decimal? Baseline,
    IReadOnlyDictionary<string, decimal> Trajectory,
    bool? HigherIsBetter = null,
    string? Justification = null)
{
    /// <summary>Identifies the target across revisions: a revision changes a target's values, not its identity.</summary>
    public string Key => Kind + ":" + Indicator;

    /// <summary>Compares the values a partner endorses (records compare collections by reference, so this does it by content).</summary>
    public bool SameAs(Target other) =>
        Key == other.Key
        && Baseline == other.Baseline
        && LeadPartners.Order(StringComparer.Ordinal).SequenceEqual(other.LeadPartners.Order(StringComparer.Ordinal))
        && Trajectory.Count == other.Trajectory.Count
        && Trajectory.All(y => other.Trajectory.TryGetValue(y.Key, out var v) && v == y.Value)
        && HigherIsBetter == other.HigherIsBetter
        && Justification == other.Justification;
}
