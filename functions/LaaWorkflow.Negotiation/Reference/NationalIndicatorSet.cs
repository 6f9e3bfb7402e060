using System.Collections.Frozen;

namespace LaaWorkflow.Negotiation.Reference;

/// <summary>
/// The 2008 National Indicator Set (198 indicators), shipped with the product and loaded once.
/// </summary>
public static class NationalIndicatorSet
{
    private static readonly Lazy<FrozenDictionary<string, NationalIndicator>> s_byCode = new(Load);

    /// <summary>Every indicator, in code order.</summary>
    public static IReadOnlyList<NationalIndicator> All => [.. s_byCode.Value.Values.OrderBy(i => Number(i.Code))];

    /// <summary>The indicators the statutory education and early-years targets are set on (Education Act 2005 s102, Childcare Act 2006).</summary>
    public static IReadOnlySet<string> StatutoryEducationCodes { get; } = new HashSet<string>(
        ["NI 72", "NI 73", "NI 74", "NI 75", "NI 83", "NI 87", "NI 92", "NI 93", "NI 94", "NI 95", "NI 96", "NI 97", "NI 98", "NI 99", "NI 100", "NI 101"],
        StringComparer.Ordinal);

    /// <summary>Finds an indicator by code, accepting <c>NI 16</c>, <c>ni16</c> or <c>NI-16</c>.</summary>
    public static bool TryGet(string? code, out NationalIndicator indicator)
    {
        indicator = null!;
        var normalised = Normalise(code);
        return normalised is not null && s_byCode.Value.TryGetValue(normalised, out indicator!);
    }

    /// <summary>The canonical form of an indicator code (<c>NI 16</c>), or null when it is not shaped like one.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var text = code.Trim();
        if (!text.StartsWith("NI", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var digits = text[2..].TrimStart(' ', '-', '_');
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? "NI " + number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static int Number(string code) => int.Parse(code.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);

    private static FrozenDictionary<string, NationalIndicator> Load()
    {
        var directions = TsvResource.Read("indicator-directions.tsv", 2).ToDictionary(
            c => c[0],
            c => c[1] switch
            {
                "higher" => true,
                "lower" => false,
                _ => throw new InvalidOperationException($"indicator-directions.tsv: '{c[1]}' for {c[0]} is neither higher nor lower."),
            },
            StringComparer.Ordinal);
        var set = TsvResource.Read("national-indicators-2008.tsv", 4)
            .Select(c => new NationalIndicator(c[0], c[1], c[2], c[3]) { HigherIsBetter = directions.TryGetValue(c[0], out var higher) ? higher : null })
            .ToFrozenDictionary(i => i.Code, StringComparer.Ordinal);
        var stray = directions.Keys.Where(code => !set.ContainsKey(code)).ToList();
        return stray.Count == 0
            ? set
            : throw new InvalidOperationException($"indicator-directions.tsv names codes not in the set: {string.Join(", ", stray)}.");
    }
}
