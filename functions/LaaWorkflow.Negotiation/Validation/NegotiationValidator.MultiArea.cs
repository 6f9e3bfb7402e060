using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Validation;

/// <summary>
/// The rules of a Multi-Area Agreement: two or more authorities, one leading, each with its LSP lead and its Government
/// Office; known themes (or others named as such); every partner from a participating area; and the LAA rules for
/// everything else (targets, the 35 designated, the timetable, the pace).
/// </summary>
internal static partial class NegotiationValidator
{
    /// <summary>The request's <c>kind</c> for a Multi-Area Agreement.</summary>
    public const string MultiAreaKind = "multi-area";

    /// <summary>The request's <c>kind</c> for a Local Area Agreement, the default.</summary>
    public const string LocalAreaKind = "local-area";

    /// <summary>A theme outside <see cref="KnownThemes"/> is accepted when the request names it as other, with this prefix.</summary>
    public const string OtherThemePrefix = "other:";

    /// <summary>More authorities than any MAA had (Greater Manchester had ten); a bound on the mail one request can cause.</summary>
    public const int MaxAuthorities = 20;

    /// <summary>The cross-boundary themes MAAs of the 2008 round were agreed on.</summary>
    public static IReadOnlyList<string> KnownThemes { get; } =
        ["economy", "housing", "transport", "skills", "employment", "regeneration", "planning", "environment"];

    /// <summary>True for <c>multi-area</c>, false for <c>local-area</c> or none, null (with the error named) for anything else.</summary>
    private static bool? ParseAgreementKind(ValidationErrors errors, string? kind)
    {
        switch (kind?.Trim().ToLowerInvariant())
        {
            case null or LocalAreaKind:
                return false;
            case MultiAreaKind:
                return true;
            default:
                errors.Add("kind", $"'{kind}' is not a kind of agreement; expected '{LocalAreaKind}' (the default) or '{MultiAreaKind}'.");
                return null;
        }
    }

    /// <summary>A Local Area Agreement with a multi-area field was probably meant as one: say so rather than ignore it.</summary>
    private static void RefuseMultiAreaFields(ValidationErrors errors, NegotiationRequest request)
    {
        const string OnlyMultiArea = "Only for a multi-area agreement (\"kind\": \"multi-area\").";
        Refuse(errors, "name", request.Name is not null, OnlyMultiArea);
        Refuse(errors, "themes", request.Themes is not null, OnlyMultiArea);
        Refuse(errors, "authorities", request.Authorities is not null, OnlyMultiArea);
        Refuse(errors, "leadAuthority", request.LeadAuthority is not null, OnlyMultiArea);
        for (var i = 0; i < (request.Partners?.Count ?? 0); i++)
        {
            Refuse(errors, $"partners[{i}].authority", request.Partners![i]?.Authority is not null, OnlyMultiArea);
        }
    }

    private static void Refuse(ValidationErrors errors, string field, bool given, string message)
    {
        if (given)
        {
            errors.Add(field, message);
        }
    }

    private static ValidationOutcome<Agreement> ValidateMultiArea(ValidationErrors errors, NegotiationRequest request, DateTime now)
    {
        // The lead authority's LSP lead and Government Office stand for the agreement; the fields of one area's LAA
        // would contradict them, so they are refused rather than quietly overridden.
        const string PerAuthority = "Not used for a multi-area agreement: give it on each of the authorities.";
        Refuse(errors, "area", request.Area is not null, "Not used for a multi-area agreement: give its name.");
        Refuse(errors, "responsibleAuthority", request.ResponsibleAuthority is not null, PerAuthority);
        Refuse(errors, "governmentOffice", request.GovernmentOffice is not null, PerAuthority);
        Refuse(errors, "lspLead", request.LspLead is not null, PerAuthority);
        Refuse(errors, "governmentOfficeNegotiator", request.GovernmentOfficeNegotiator is not null, PerAuthority);

        var name = Required(errors, "name", request.Name);
        var years = ValidatePeriod(errors, request.Period);
        var themes = ValidateThemes(errors, request.Themes);
        var authorities = ValidateAuthorities(errors, request.Authorities);
        var authorityIds = authorities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var lead = ValidateLeadAuthority(errors, request.LeadAuthority, request.Authorities, authorities);
        var leadLadder = ValidateLadder(errors, "lspLeadEscalation", request.LspLeadEscalation);
        var partners = ValidatePartners(errors, request.Partners);
        var partnerAreas = ValidatePartnerAreas(errors, request.Partners, request.Authorities, authorityIds);
        var leadIds = partners.Select(p => p.Id).Concat(authorityIds).ToHashSet(StringComparer.Ordinal);
        var targets = ValidateTargets(errors, "targets", request.Targets, leadIds, years,
            id => $"'{id}' is neither a partner from a participating area nor a participating authority.");
        var timetable = ValidateTimetable(errors, request.Timetable);
        var pace = ValidatePace(errors, request.Pace, now);
        if (!errors.IsEmpty)
        {
            return ValidationOutcome<Agreement>.Invalid(errors);
        }

        // Each authority is consulted like a partner, under its own id: its LSP lead endorses through a signed link,
        // is reminded and escalated, and a revision of a target it leads asks it again.
        IReadOnlyList<Partner> consulted =
        [
            .. partners,
            .. authorities.Select(a => new Partner(a.Id, a.Name, MultiArea.AuthorityBody, a.LspLead, a.Escalation)),
        ];
        return ValidationOutcome<Agreement>.Valid(new Agreement(
            name!, lead!.Name, lead.GovernmentOffice, request.Period!.Trim(), lead.LspLead, lead.GovernmentOfficeNegotiator,
            consulted, targets, timetable!, pace, leadLadder,
            new MultiArea(themes, authorities, lead.Id, partnerAreas)));
    }

    private static List<string> ValidateThemes(ValidationErrors errors, IReadOnlyList<string?>? themes)
    {
        var result = new List<string>();
        if (themes is null || themes.Count == 0)
        {
            errors.Add("themes", $"Name at least one theme: {string.Join(", ", KnownThemes)}, or another as '{OtherThemePrefix} ...'.");
            return result;
        }

        if (themes.Count > KnownThemes.Count + 10)
        {
            errors.Add("themes", $"{themes.Count} themes; an agreement has at most {KnownThemes.Count + 10}.");
            return result;
        }

        for (var i = 0; i < themes.Count; i++)
        {
            var field = $"themes[{i}]";
            var theme = Required(errors, field, themes[i]);
            if (theme is null)
            {
                continue;
            }

            var known = KnownThemes.FirstOrDefault(t => string.Equals(t, theme, StringComparison.OrdinalIgnoreCase));
            var other = theme.StartsWith(OtherThemePrefix, StringComparison.OrdinalIgnoreCase) ? theme[OtherThemePrefix.Length..].Trim() : null;
            var canonical = known ?? (string.IsNullOrEmpty(other) ? null : OtherThemePrefix + " " + other);
            if (canonical is null)
            {
                errors.Add(field, other is null
                    ? $"'{theme}' is not a known theme ({string.Join(", ", KnownThemes)}); name another theme as '{OtherThemePrefix} {theme}'."
                    : $"Say which other theme after '{OtherThemePrefix}'.");
            }
            else if (result.Contains(canonical, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(field, $"'{theme}' is listed twice.");
            }
            else
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    private static List<Authority> ValidateAuthorities(ValidationErrors errors, IReadOnlyList<AuthorityRequest?>? authorities)
    {
        var result = new List<Authority>();
        if (authorities is null || authorities.Count < 2)
        {
            errors.Add("authorities", $"A multi-area agreement is between two or more responsible authorities; {authorities?.Count ?? 0} given.");
            if (authorities is null)
            {
                return result;
            }
        }

        if (authorities.Count > MaxAuthorities)
        {
            errors.Add("authorities", $"{authorities.Count} authorities; an agreement has at most {MaxAuthorities}.");
            return result;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        var negotiatorByRegion = new Dictionary<string, (Contact Negotiator, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < authorities.Count; i++)
        {
            var field = $"authorities[{i}]";
            var authority = authorities[i];
            if (authority is null)
            {
                errors.Add(field, "Required.");
                continue;
            }

            var id = Required(errors, field + ".id", authority.Id);
            if (id is not null && !PartnerIdPattern().IsMatch(id))
            {
                errors.Add(field + ".id", $"'{id}' must be lower-case letters, digits and hyphens (for example 'darlington').");
                id = null;
            }
            else if (id is not null && !firstIndexById.TryAdd(id, i))
            {
                errors.Add(field + ".id", $"Duplicate authority '{id}' (already authorities[{firstIndexById[id]}]).");
                id = null;
            }

            var name = Required(errors, field + ".name", authority.Name);
            var lspLead = ValidateContact(errors, field + ".lspLead", authority.LspLead);
            string? region = null;
            if (string.IsNullOrWhiteSpace(authority.GovernmentOffice))
            {
                errors.Add(field + ".governmentOffice", "Required: the Government Office region of the authority, which must approve the agreement.");
            }
            else if ((region = GovernmentOfficeRegions.Find(authority.GovernmentOffice)) is null)
            {
                errors.Add(field + ".governmentOffice", $"'{authority.GovernmentOffice}' is not a Government Office region; expected one of: {string.Join(", ", GovernmentOfficeRegions.All)}.");
            }

            var negotiator = ValidateContact(errors, field + ".governmentOfficeNegotiator", authority.GovernmentOfficeNegotiator);
            if (region is not null && negotiator is not null)
            {
                // One office decides once, so the authorities of one region must send the draft to the same negotiator.
                if (negotiatorByRegion.TryGetValue(region, out var first) && !string.Equals(first.Negotiator.Email, negotiator.Email, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(field + ".governmentOfficeNegotiator", $"The Government Office {region} is already negotiated by {first.Negotiator.Email} (authorities[{first.Index}]); authorities of one region name the same negotiator.");
                }
                else
                {
                    negotiatorByRegion.TryAdd(region, (negotiator, i));
                }
            }

            var ladder = ValidateLadder(errors, field + ".escalation", authority.Escalation);
            if (id is not null && name is not null && lspLead is not null && region is not null && negotiator is not null)
            {
                result.Add(new Authority(id, name, lspLead, region, negotiator, ladder));
            }
        }

        return result;
    }

    private static Authority? ValidateLeadAuthority(
        ValidationErrors errors, string? leadAuthority, IReadOnlyList<AuthorityRequest?>? requested, IReadOnlyList<Authority> authorities)
    {
        var id = Required(errors, "leadAuthority", leadAuthority);
        if (id is null)
        {
            return null;
        }

        if (!(requested ?? []).Any(a => string.Equals(a?.Id?.Trim(), id, StringComparison.Ordinal)))
        {
            errors.Add("leadAuthority", $"'{id}' is not one of the authorities ({string.Join(", ", (requested ?? []).Select(a => a?.Id).OfType<string>())}).");
            return null;
        }

        return authorities.FirstOrDefault(a => a.Id == id);
    }

    /// <summary>Every partner comes from the area of a participating authority, and no partner takes an authority's id.</summary>
    private static Dictionary<string, string> ValidatePartnerAreas(
        ValidationErrors errors, IReadOnlyList<PartnerRequest?>? partners, IReadOnlyList<AuthorityRequest?>? authorities, IReadOnlySet<string> authorityIds)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var requestedIds = (authorities ?? []).Select(a => a?.Id?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (partners?.Count ?? 0) && (partners?.Count ?? 0) <= MaxPartners; i++)
        {
            var partner = partners![i];
            if (partner is null)
            {
                continue;
            }

            var field = $"partners[{i}]";
            var id = partner.Id?.Trim();
            if (id is not null && requestedIds.Contains(id))
            {
                errors.Add(field + ".id", $"'{id}' is the id of a participating authority; give the partner another id.");
            }

            var area = partner.Authority?.Trim();
            if (string.IsNullOrEmpty(area))
            {
                errors.Add(field + ".authority", "Required: the id of the participating authority whose area the partner comes from.");
            }
            else if (!requestedIds.Contains(area))
            {
                errors.Add(field + ".authority", $"'{area}' is not one of the participating authorities ({string.Join(", ", requestedIds)}); a partner comes from a participating area.");
            }
            else if (id is not null && authorityIds.Contains(area))
            {
                result.TryAdd(id, area);
            }
        }

        return result;
    }
}
