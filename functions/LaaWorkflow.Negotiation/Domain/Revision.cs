namespace LaaWorkflow.Negotiation.Domain;

/// <summary>Works out whom a revision concerns.</summary>
internal static class Revision
{
    /// <summary>
    /// The partners a revision must consult again: the lead partners of every added, changed or removed target, and the
    /// partners who asked for changes or objected. Everyone else's endorsement of the unchanged targets stands.
    /// </summary>
    public static IReadOnlyList<string> PartnersToReconsult(
        IReadOnlyList<Target> before,
        IReadOnlyList<Target> after,
        IEnumerable<string> partnersWhoDisputed)
    {
        var affected = new SortedSet<string>(partnersWhoDisputed, StringComparer.Ordinal);
        var oldByKey = before.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var newByKey = after.ToDictionary(t => t.Key, StringComparer.Ordinal);
        foreach (var target in after)
        {
            if (!oldByKey.TryGetValue(target.Key, out var old) || !old.SameAs(target))
            {
                affected.UnionWith(target.LeadPartners);
                if (old is not null)
                {
                    affected.UnionWith(old.LeadPartners);
                }
            }
        }

        foreach (var removed in before.Where(t => !newByKey.ContainsKey(t.Key)))
        {
            affected.UnionWith(removed.LeadPartners);
        }

        return [.. affected];
    }

    /// <summary>The keys of the targets a revision added, changed or removed.</summary>
    public static IReadOnlyList<string> ChangedTargets(IReadOnlyList<Target> before, IReadOnlyList<Target> after)
    {
        var oldByKey = before.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var newKeys = after.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. after.Where(t => !oldByKey.TryGetValue(t.Key, out var old) || !old.SameAs(t)).Select(t => t.Indicator),
            .. before.Where(t => !newKeys.Contains(t.Key)).Select(t => t.Indicator),
        ];
    }
}
