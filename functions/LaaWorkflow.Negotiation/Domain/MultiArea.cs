namespace LaaWorkflow.Negotiation.Domain;

/// <summary>
/// What makes an agreement a Multi-Area Agreement: the participating authorities (one of them leading), its themes, and
/// the area each partner comes from. Each authority's endorsement is consulted like a partner's, under the authority's
/// id, so the agreement's partner list holds the authorities too; <see cref="PartnerAreas"/> names only real partners.
/// </summary>
/// <param name="Themes">The cross-boundary themes, canonical names (<c>economy</c>) or <c>other: ...</c>.</param>
/// <param name="Authorities">Every participating authority, in the order of the request.</param>
/// <param name="LeadAuthority">The id of the authority whose LSP lead revises the draft and receives digests.</param>
/// <param name="PartnerAreas">Partner id to the id of the authority whose area the partner comes from.</param>
internal sealed record MultiArea(
    IReadOnlyList<string> Themes,
    IReadOnlyList<Authority> Authorities,
    string LeadAuthority,
    IReadOnlyDictionary<string, string> PartnerAreas)
{
    /// <summary>The body shown for an authority's endorsement among the consulted parties.</summary>
    public const string AuthorityBody = "Participating authority";

    public Authority? FindAuthority(string id) => Authorities.FirstOrDefault(a => a.Id == id);

    /// <summary>A region as it appears in keys and signed links: <c>North East</c> becomes <c>north-east</c>.</summary>
    public static string OfficeKey(string region) => region.Trim().ToLowerInvariant().Replace(' ', '-');

    /// <summary>Each Government Office concerned, once, in the order the authorities name them, with its negotiator.</summary>
    /// <remarks>A method, not a property, so it is not written into the stored definition.</remarks>
    public IReadOnlyList<(string Region, Contact Negotiator)> Offices() =>
    [
        .. Authorities.GroupBy(a => a.GovernmentOffice, StringComparer.Ordinal).Select(g => (g.Key, g.First().GovernmentOfficeNegotiator)),
    ];
}

/// <summary>A responsible authority taking part in a Multi-Area Agreement; its LSP lead endorses for it.</summary>
internal sealed record Authority(
    string Id,
    string Name,
    Contact LspLead,
    string GovernmentOffice,
    Contact GovernmentOfficeNegotiator,
    IReadOnlyList<Contact> Escalation);
