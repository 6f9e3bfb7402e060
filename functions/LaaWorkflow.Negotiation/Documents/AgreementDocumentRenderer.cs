using System.Globalization;
using System.Net;
using System.Text;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Documents;

/// <summary>
/// Renders the signed-off agreement as one self-contained, printable HTML page: no scripts, no external styles or
/// fonts, so it prints and archives as it is.
/// </summary>
internal static class AgreementDocumentRenderer
{
    private const string Style = """
        body{font-family:Georgia,'Times New Roman',serif;color:#111;margin:2rem auto;max-width:60rem;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}
        th{background:#eee}td.n{text-align:right;white-space:nowrap}.meta td{border:none;padding:.1rem .6rem .1rem 0}
        .approval{border:2px solid #333;padding:.6rem 1rem;margin-top:1rem}
        @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
        """;

    public static string Render(AgreementDocumentModel model)
    {
        var h = model.Header;
        var refresh = model.Refresh;
        var previous = refresh?.Changes.Where(c => c.Before is not null).Select(c => c.Before!).ToList() ?? [];
        var years = model.Targets.Concat(previous).SelectMany(t => t.Trajectory.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var partnerNames = model.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var maa = model.MultiArea;
        var heading = $"{h.Area} {(maa is null ? "Local Area Agreement" : "Multi-Area Agreement")} {h.Period}";
        var title = refresh is null ? heading : $"{heading}: {refresh.Label}";
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<table class=\"meta\">")
            .Append(maa is null ? Row("Responsible local authority", h.ResponsibleAuthority) : MultiAreaRows(maa))
            .Append(Row(maa is null ? "Government Office" : "Government Offices", maa is null ? h.GovernmentOffice : string.Join(", ", maa.Offices().Select(o => o.Region))))
            .Append(Row("LSP lead", $"{model.LspLead.Name} <{model.LspLead.Email}>"))
            .Append(Row("Agreement reference", model.NegotiationId));
        if (refresh is not null)
        {
            html.Append(Row("Version", $"{refresh.Label}; refreshes the {refresh.PreviousLabel} ({refresh.PreviousId})"));
        }

        html.Append(Row(refresh is { GovernmentOfficeDecided: false } ? "Agreed" : "Approved", Date(model.ApprovedAt)))
            .Append("</table>\n");

        if (refresh is not null)
        {
            RenderChanges(html, refresh, partnerNames);
        }

        RenderTargets(html, model.Targets, years, partnerNames, refresh is null ? "" : "Refreshed: ");
        if (refresh is not null)
        {
            // The previous version's targets stay on the record beside the refreshed ones.
            html.Append("<h2>").Append(E($"The {refresh.PreviousLabel}'s targets, as agreed before this refresh")).Append("</h2>\n");
            RenderTargets(html, previous, years, partnerNames, $"{refresh.PreviousLabel}: ");
        }

        html.Append(maa is null ? "<h2>Partner endorsements</h2>" : "<h2>Endorsements by the authorities and their partners</h2>")
            .Append("\n<table><thead><tr><th>Partner</th><th>Body</th><th>Endorsed</th><th>Round</th><th>Recorded by</th></tr></thead><tbody>\n");
        foreach (var partner in model.Partners)
        {
            var endorsement = model.Endorsements.FirstOrDefault(e => e.PartnerId == partner.Id);
            html.Append("<tr><td>").Append(E(partner.Name)).Append("</td><td>").Append(E(BodyText(partner, maa))).Append("</td><td>")
                .Append(E(endorsement is null ? "not recorded" : Date(endorsement.EndorsedAt))).Append("</td><td class=\"n\">")
                .Append(E(endorsement?.Round.ToString(CultureInfo.InvariantCulture) ?? "")).Append("</td><td>")
                .Append(E(endorsement is null ? "" : SourceText(endorsement.Source))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n<div class=\"approval\"><h2>Government Office approval</h2>");
        if (refresh is { GovernmentOfficeDecided: false })
        {
            html.Append("<p>").Append(E($"No designated target changed in the {refresh.Label}: its changes were agreed by the partners concerned on {Date(model.ApprovedAt)}, without a Government Office decision. The designated targets stand as Government Office {h.GovernmentOffice} approved them.")).Append("</p>");
            return html.Append("</div>\n</body></html>\n").ToString();
        }

        // A multi-area agreement is approved by each office its authorities span, each on its own.
        var approvals = model.OfficeApprovals is { Count: > 0 } offices
            ? offices
            : [new OfficeApproval(h.GovernmentOffice, model.GovernmentOfficeNegotiator.Name, model.ApprovedAt, model.ApprovalComment)];
        foreach (var approval in approvals)
        {
            html.Append("<p>").Append(E($"Approved on {Date(approval.ApprovedAt)} by {approval.Negotiator}, Government Office {approval.Office}.")).Append("</p>");
            if (!string.IsNullOrWhiteSpace(approval.Comment))
            {
                html.Append("<p>").Append(E(approval.Comment)).Append("</p>");
            }
        }

        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    private static void RenderTargets(StringBuilder html, IReadOnlyList<Target> targets, List<string> years, Dictionary<string, string> partnerNames, string prefix)
    {
        foreach (var kind in new[] { TargetKind.Designated, TargetKind.Statutory, TargetKind.Local })
        {
            var ofKind = targets.Where(t => t.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            html.Append("<h2>").Append(E(prefix)).Append(kind switch
            {
                TargetKind.Designated => "Designated improvement targets (National Indicator Set)",
                TargetKind.Statutory => "Statutory education and early years targets",
                _ => "Local targets",
            }).Append(" (").Append(ofKind.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>\n<table><thead><tr><th>Indicator</th><th>Title</th><th>Lead partners</th><th>Baseline</th>");
            foreach (var year in years)
            {
                html.Append("<th>").Append(E(year)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>\n");
            foreach (var t in ofKind)
            {
                var title = t.Kind != TargetKind.Local && NationalIndicatorSet.TryGet(t.Indicator, out var ni) ? ni.Title : "";
                html.Append("<tr><td>").Append(E(t.Indicator)).Append("</td><td>").Append(E(title)).Append("</td><td>")
                    .Append(E(string.Join(", ", t.LeadPartners.Select(id => partnerNames.GetValueOrDefault(id, id)))))
                    .Append("</td><td class=\"n\">").Append(E(Number(t.Baseline))).Append("</td>");
                foreach (var year in years)
                {
                    html.Append("<td class=\"n\">").Append(E(Number(t.Trajectory.TryGetValue(year, out var v) ? v : null))).Append("</td>");
                }

                html.Append("</tr>\n");
                if (t.Justification is { } why)
                {
                    // A trajectory that gets worse is signed off with its reason on the record.
                    html.Append("<tr><td></td><td colspan=\"").Append((3 + years.Count).ToString(CultureInfo.InvariantCulture))
                        .Append("\">").Append(E("Gets worse before it improves, because: " + why)).Append("</td></tr>\n");
                }
            }

            html.Append("</tbody></table>\n");
        }
    }

    /// <summary>What the refresh changed, target by target, with the values before and after.</summary>
    private static void RenderChanges(StringBuilder html, RefreshDocument refresh, Dictionary<string, string> partnerNames)
    {
        var changed = refresh.Changes.Where(c => c.Change != TargetChangeKind.Unchanged).ToList();
        html.Append("<h2>").Append(E($"What the {refresh.Label} changed")).Append("</h2>\n<p>")
            .Append(E(Refresh.Describe(refresh.Changes) + ". Unchanged targets stand as agreed; changed designated targets needed the Government Office's approval, other changes the consent of the partners concerned."))
            .Append("</p>\n<table><thead><tr><th>Indicator</th><th>Kind</th><th>Change</th><th>Lead partners</th><th>")
            .Append(E(refresh.PreviousLabel)).Append("</th><th>").Append(E(refresh.Label)).Append("</th></tr></thead><tbody>\n");
        foreach (var c in changed)
        {
            var leads = string.Join(", ", c.LeadPartners.Select(id => partnerNames.GetValueOrDefault(id, id)));
            html.Append("<tr class=\"").Append(c.Change.ToString().ToLowerInvariant()).Append("\"><td>").Append(E(c.Indicator)).Append("</td><td>")
                .Append(E(c.Kind.ToString().ToLowerInvariant())).Append("</td><td>").Append(E(c.Change.ToString().ToLowerInvariant())).Append("</td><td>")
                .Append(E(leads)).Append("</td><td>").Append(E(Values(c.Before))).Append("</td><td>").Append(E(Values(c.After))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string Values(Target? target) => target is null
        ? "(none)"
        : "baseline " + Number(target.Baseline) + "; " + string.Join("; ", target.Trajectory.OrderBy(y => y.Key, StringComparer.Ordinal).Select(y => $"{y.Key}: {Number(y.Value)}"));

    private static string MultiAreaRows(MultiArea maa) =>
        Row("Lead authority", maa.FindAuthority(maa.LeadAuthority)?.Name ?? maa.LeadAuthority)
        + Row("Participating authorities", string.Join(", ", maa.Authorities.Select(a => $"{a.Name} ({a.GovernmentOffice})")))
        + Row("Themes", string.Join(", ", maa.Themes));

    /// <summary>A partner's body; in a multi-area agreement also the area it comes from.</summary>
    private static string BodyText(Partner partner, MultiArea? maa) =>
        maa?.PartnerAreas.TryGetValue(partner.Id, out var area) == true
            ? $"{partner.Body}, {maa.FindAuthority(area)?.Name ?? area} area"
            : partner.Body;

    private static string Row(string label, string value) => $"<tr><td><strong>{E(label)}</strong></td><td>{E(value)}</td></tr>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Date(DateTime at) => at.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string SourceText(AnswerSource source) => source switch
    {
        AnswerSource.EmailLink => "email link",
        AnswerSource.EmailReply => "email reply",
        AnswerSource.AdminOnBehalf => "admin on behalf",
        _ => "system",
    };
}
