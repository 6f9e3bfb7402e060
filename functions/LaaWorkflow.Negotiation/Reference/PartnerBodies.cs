namespace LaaWorkflow.Negotiation.Reference;

/// <summary>
/// The partner authorities under the duty to co-operate (Local Government and Public Involvement in Health Act 2007 s104),
/// shipped with the product and loaded once.
/// </summary>
public static class PartnerBodies
{
    private static readonly Lazy<IReadOnlyList<PartnerBody>> s_all = new(() =>
        [.. TsvResource.Read("partner-bodies.tsv", 3).Select(c => new PartnerBody(c[0], c[1], c[2]))]);

    /// <summary>Every partner body, in the order of the Act.</summary>
    public static IReadOnlyList<PartnerBody> All => s_all.Value;

    /// <summary>Finds a partner body by its name, ignoring case.</summary>
    public static PartnerBody? Find(string? body) =>
        string.IsNullOrWhiteSpace(body)
            ? null
            : s_all.Value.FirstOrDefault(b => string.Equals(b.Body, body.Trim(), StringComparison.OrdinalIgnoreCase));
}
