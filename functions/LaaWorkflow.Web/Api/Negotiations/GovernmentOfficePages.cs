using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Web;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>
/// The pages the Government Office negotiator sees after following the decision link. Every piece of data is encoded.
/// Like an approval card, the decision page opens with the summary and the decision, then what it rests on: the
/// partners' answers and comments, the targets, and the negotiation's history.
/// </summary>
internal static class GovernmentOfficePages
{
    /// <summary>The draft's page, relative to the decision page (both are under <c>/government-office/</c>).</summary>
    internal const string DraftPage = "draft";

    /// <param name="agreement">The negotiation as it stands.</param>
    /// <param name="submission">The submission the link was signed for.</param>
    /// <param name="token">The link's token, for the form and the draft link.</param>
    /// <param name="error">What was wrong with the last post, if anything.</param>
    /// <param name="comment">The comment as posted.</param>
    /// <param name="chosen">The decision as posted.</param>
    /// <param name="office">For one of a multi-area agreement's offices: the office deciding on this page.</param>
    public static string Decision(AgreementView agreement, int submission, string? token, string? error = null, string? comment = null, string? chosen = null, string? office = null)
    {
        var endorsed = agreement.Partners.Count(p => p.Status == PartnerStatus.Endorsed);
        var body = new StringBuilder("<div class=\"card\">\n")
            .Append("<p class=\"eyebrow\">").Append(E($"Government Office {office ?? agreement.GovernmentOffice} · submission {N(submission)}")).Append("</p>\n")
            .Append("<h1>").Append(E(Title(agreement))).Append("</h1>\n")
            .Append("<p class=\"lead\">").Append(E((agreement.Authorities, agreement.RefreshOf) switch
            {
                ({ } authorities, _) => $"{agreement.ResponsibleAuthority} submits, for the {N(authorities.Count)} authorities of the multi-area agreement, the draft for the approval of each Government Office concerned ({string.Join(", ", (agreement.GovernmentOffices ?? []).Select(o => o.Office))}).",
                (_, not null) => $"{agreement.ResponsibleAuthority} submits the {agreement.VersionLabel}. Only the designated targets it changes need your decision; its other changes were agreed by the partners concerned, and the targets it leaves unchanged stand as agreed.",
                _ => $"{agreement.ResponsibleAuthority} submits the draft agreement for the Government Office's approval.",
            })).Append("</p>\n")
            .Append("<dl class=\"facts\">")
            .Append(agreement.Authorities is { } participating
                ? PageParts.Fact("Authorities", string.Join("; ", participating.Select(a => $"{a.Name} ({a.GovernmentOffice}): {(a.Endorsement == PartnerStatus.Endorsed ? "endorsed" : "not endorsed")}")))
                    + PageParts.Fact("Themes", string.Join(", ", agreement.Themes ?? []))
                : "")
            .Append(PageParts.Fact("Partners", $"{N(endorsed)} of {N(agreement.Partners.Count)} endorsed"))
            .Append(PageParts.Fact("Targets", Targets(agreement.Targets)))
            .Append(PageParts.Fact("Sign-off deadline", Date(agreement.Timetable.SignOffDeadline)))
            .Append("</dl>\n")
            .Append(Changes(agreement))
            .Append("<p><a href=\"").Append(E(DraftLink(token))).Append("\">Read the draft agreement (submission ").Append(N(submission)).Append(")</a></p>\n");
        if (error is not null)
        {
            body.Append(PageParts.Alert(error, chosen is null ? "decision-approve" : "comment"));
        }

        body.Append("<form method=\"post\">\n<fieldset>\n<legend><h2>Your decision</h2></legend>\n<div class=\"choices\">\n")
            .Append(PageParts.Radio("approve", "Approve the draft agreement", chosen))
            .Append(PageParts.Radio("return", "Return the draft for revision (please say what must change)", chosen))
            .Append("</div>\n</fieldset>\n")
            .Append(PageParts.TextArea("comment", "comment", "Comment", comment, "Needed if you return the draft: the LSP lead reads it with the returned draft.", rows: 4, invalid: chosen is not null && error is not null))
            .Append(PageParts.Send("Send the decision", "The decision is recorded only when you press the button."))
            .Append("</form>\n</div>\n")
            .Append("<div class=\"card\">\n").Append(Partners(agreement.Partners, agreement.RefreshOf is not null)).Append("</div>\n")
            // The targets are many (up to 35 designated and the statutory ones): folded, so the history stays in reach.
            .Append("<div class=\"card\">\n<h2>Targets in the draft</h2>\n<details>\n<summary>")
            .Append(E($"Show the {N(agreement.Targets.Count)} targets, each with its direction")).Append("</summary>\n")
            .Append(PageParts.TargetCards(agreement.Targets.Select(ToLine))).Append("</details>\n</div>\n")
            .Append("<div class=\"card\">\n").Append(History(agreement.Timeline)).Append("</div>\n");
        return PageParts.Document($"Government Office decision on the {agreement.Area} {KindName(agreement)}", body.ToString());
    }

    /// <summary>The draft agreement as submitted: a plain document to read or print beside the decision page.</summary>
    public static string Draft(AgreementView agreement, int submission, string? token)
    {
        var names = agreement.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var body = new StringBuilder("<div class=\"card\">\n")
            .Append("<p class=\"eyebrow\">").Append(E($"Draft for approval · submission {N(submission)}")).Append("</p>\n")
            .Append("<h1>").Append(E(Title(agreement))).Append("</h1>\n<dl class=\"facts\">")
            .Append(PageParts.Fact("Responsible local authority", agreement.ResponsibleAuthority))
            .Append(PageParts.Fact("Government Office", agreement.GovernmentOffice))
            .Append(PageParts.Fact("Agreement reference", agreement.Id))
            .Append(PageParts.Fact("Sign-off deadline", Date(agreement.Timetable.SignOffDeadline)))
            .Append("</dl>\n<p><a href=\"").Append(E(DecisionLink(token))).Append("\">Back to the decision</a></p>\n");
        foreach (var kind in new[] { TargetKind.Designated, TargetKind.Statutory, TargetKind.Local })
        {
            var targets = agreement.Targets.Where(t => t.Kind == kind).ToList();
            if (targets.Count == 0)
            {
                continue;
            }

            body.Append("<h2>").Append(kind switch
            {
                TargetKind.Designated => "Designated improvement targets",
                TargetKind.Statutory => "Statutory education and early years targets",
                _ => "Local targets",
            }).Append(" (").Append(N(targets.Count)).Append(")</h2>\n")
                .Append("<table class=\"reflow\">\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Lead partners</th><th scope=\"col\">Baseline</th><th scope=\"col\">Trajectory</th><th scope=\"col\">Direction</th></tr></thead>\n<tbody>\n");
            foreach (var t in targets)
            {
                var trajectory = string.Join(", ", t.Trajectory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value.ToString(CultureInfo.InvariantCulture)}"));
                var leads = string.Join(", ", t.LeadPartners.Select(id => names.GetValueOrDefault(id, id)));
                body.Append("<tr><th scope=\"row\">").Append(E(string.IsNullOrWhiteSpace(t.Title) ? t.Indicator : $"{t.Indicator} {t.Title}")).Append("</th>")
                    .Append(Cell("Lead partners", leads))
                    .Append(Cell("Baseline", t.Baseline?.ToString(CultureInfo.InvariantCulture) ?? "not set"))
                    .Append(Cell("Trajectory", t.Justification is { } why ? $"{trajectory}. Gets worse before it improves, because: {why}" : trajectory))
                    .Append(Cell("Direction", PageParts.Direction(t.HigherIsBetter) ?? "not stated"))
                    .Append("</tr>\n");
            }

            body.Append("</tbody>\n</table>\n");
        }

        body.Append(Partners(agreement.Partners, agreement.RefreshOf is not null)).Append("</div>\n");
        return PageParts.Document($"Draft {agreement.Area} {KindName(agreement)}", body.ToString());
    }

    public static string Recorded(AgreementView agreement, bool approved, string? comment)
    {
        var body = new StringBuilder("<div class=\"card\">\n")
            .Append("<h1>Thank you, the decision is recorded</h1>\n<dl class=\"facts\">")
            .Append(PageParts.Fact("Agreement", Title(agreement)))
            .Append(PageParts.Fact("Decision", approved ? "Approved" : "Returned for revision"));
        if (!string.IsNullOrWhiteSpace(comment))
        {
            body.Append(PageParts.Fact("Comment", comment));
        }

        body.Append("</dl>\n<section class=\"next\" aria-labelledby=\"next-heading\">\n<h2 id=\"next-heading\">What happens next</h2>\n<ol>")
            .Append(approved
                ? "<li>The agreement is signed off and its document is published.</li><li>The LSP lead, the partners and you are told by email, with a link to the document.</li>"
                : "<li>The LSP lead is told by email, with your comment, and revises the targets.</li><li>Partners whose targets change are asked again before the revised draft comes back to you, with a new link.</li>")
            .Append("</ol>\n</section>\n</div>\n");
        return PageParts.Document("Government Office decision", body.ToString());
    }

    public static string Problem(string title, string message) => PageParts.Problem(title, message);

    private static TargetLine ToLine(TargetView target) => new(
        target.Indicator,
        target.Title ?? "",
        target.Kind.ToString().ToLowerInvariant(),
        target.Baseline,
        [.. target.Trajectory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new TrajectoryPoint(p.Key, p.Value))])
    {
        HigherIsBetter = target.HigherIsBetter,
        Justification = target.Justification,
    };

    /// <summary>Each partner's answer and comment: what the draft's endorsement rests on.</summary>
    private static string Partners(IReadOnlyList<PartnerView> partners, bool refresh = false)
    {
        var html = new StringBuilder("<h2>Partners' answers</h2>\n<table class=\"reflow\">\n<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\">Answer</th><th scope=\"col\">Round</th><th scope=\"col\">Comment</th></tr></thead>\n<tbody>\n");
        foreach (var p in partners)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(p.Name)).Append("</th>")
                .Append(Cell("Answer", refresh && p.Status == PartnerStatus.Pending
                    ? "Not asked: the refresh does not change their targets"
                    : StatusText(p.Status) + (p.AnsweredAt is { } at ? $" on {Date(at)}" : "")))
                .Append(Cell("Round", N(p.Round)))
                .Append(Cell("Comment", string.IsNullOrWhiteSpace(p.Comment) ? "none" : p.Comment))
                .Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>\n").ToString();
    }

    /// <summary>The negotiation's timeline, oldest first: the rounds of consultation, revisions and earlier submissions.</summary>
    private static string History(IReadOnlyList<TimelineEntryView> timeline)
    {
        var html = new StringBuilder("<h2>History of the negotiation</h2>\n");
        if (timeline.Count == 0)
        {
            return html.Append("<p>Nothing recorded yet.</p>\n").ToString();
        }

        html.Append("<ol class=\"history\">\n");
        foreach (var entry in timeline)
        {
            html.Append("<li><time datetime=\"").Append(entry.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
                .Append(E(entry.At.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture))).Append("</time>")
                .Append(E(entry.Text)).Append("</li>\n");
        }

        return html.Append("</ol>\n").ToString();
    }

    private static string StatusText(PartnerStatus status) => status switch
    {
        PartnerStatus.Endorsed => "Endorsed",
        PartnerStatus.Objected => "Objected",
        PartnerStatus.ChangesRequested => "Asked for changes",
        PartnerStatus.NoResponse => "No answer",
        PartnerStatus.Invited => "Invited, not yet answered",
        PartnerStatus.Reminded => "Reminded, not yet answered",
        PartnerStatus.Escalated => "Escalated, not yet answered",
        _ => status.ToString(),
    };

    /// <summary>For a yearly refresh: what it changes, the designated targets marked for the negotiator's decision.</summary>
    private static string Changes(AgreementView agreement)
    {
        var changed = (agreement.Changes ?? []).Where(c => c.Change != TargetChangeKind.Unchanged).ToList();
        if (changed.Count == 0)
        {
            return "";
        }

        var list = new StringBuilder("<h2>What the refresh changes</h2>\n<ul class=\"changes\">\n");
        foreach (var c in changed)
        {
            var kind = c.Kind.ToString().ToLowerInvariant();
            list.Append("<li>").Append(E($"{c.Indicator} ({kind}, {c.Change.ToString().ToLowerInvariant()}): "))
                .Append(c.Kind == TargetKind.Designated ? "<strong>for your decision</strong>" : E("agreed by the partners concerned")).Append("</li>\n");
        }

        return list.Append("</ul>\n").ToString();
    }

    private static string Targets(IReadOnlyList<TargetView> targets)
    {
        var designated = targets.Count(t => t.Kind == TargetKind.Designated);
        return $"{N(targets.Count)} ({N(designated)} designated, {N(targets.Count - designated)} statutory or local)";
    }

    private static string DraftLink(string? token) => token is null ? DraftPage : $"{DraftPage}?token={Uri.EscapeDataString(token)}";

    private static string DecisionLink(string? token) => token is null ? "decision" : $"decision?token={Uri.EscapeDataString(token)}";

    private static string Cell(string label, string value) => $"<td data-label=\"{E(label)}\">{E(value)}</td>";

    private static string Title(AgreementView agreement) =>
        $"{agreement.Area} {KindName(agreement)} {agreement.Period}" + (agreement.RefreshOf is null ? "" : $": {agreement.VersionLabel}");

    private static string KindName(AgreementView agreement) => agreement.Authorities is null ? "Local Area Agreement" : "Multi-Area Agreement";

    private static string Date(DateTime at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string value) => PageParts.Encode(value);
}
