using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Web;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>The pages the Government Office negotiator sees after following the decision link. Every piece of data is encoded.</summary>
internal static class GovernmentOfficePages
{
    public static string Decision(AgreementView agreement, int submission, string? error = null, string? comment = null)
    {
        var body = new StringBuilder()
            .Append("<h1>").Append(E($"{agreement.Area} Local Area Agreement {agreement.Period}")).Append("</h1>\n")
            .Append("<p>").Append(E($"{agreement.ResponsibleAuthority} submits the draft to the Government Office {agreement.GovernmentOffice} for approval.")).Append("</p>\n")
            .Append("<dl>")
            .Append(PageParts.Fact("Submission", submission.ToString(CultureInfo.InvariantCulture)))
            .Append(PageParts.Fact("Sign-off deadline", agreement.NextDeadline is { } due ? due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "not set"))
            .Append("</dl>\n")
            .Append(PageParts.TargetsTable([.. agreement.Targets.Select(ToLine)], "Targets"))
            .Append(Partners(agreement.Partners));
        if (error is not null)
        {
            body.Append(PageParts.Alert(error));
        }

        body.Append("<form method=\"post\">\n<fieldset>\n<legend><h2>Your decision</h2></legend>\n")
            .Append(PageParts.Radio("approve", "Approve the draft agreement"))
            .Append(PageParts.Radio("return", "Return the draft for revision (please say what must change)"))
            .Append("</fieldset>\n")
            .Append(PageParts.CommentAndSend("Comment", comment, "Send the decision", "The decision is recorded only when you press the button."));
        return PageParts.Document($"Government Office decision on the {agreement.Area} Local Area Agreement", body.ToString());
    }

    public static string Recorded(AgreementView agreement, bool approved, string? comment)
    {
        var body = new StringBuilder()
            .Append("<h1>Thank you, the decision is recorded</h1>\n<dl>")
            .Append(PageParts.Fact("Agreement", $"{agreement.Area} Local Area Agreement {agreement.Period}"))
            .Append(PageParts.Fact("Decision", approved ? "Approved" : "Returned for revision"));
        if (!string.IsNullOrWhiteSpace(comment))
        {
            body.Append(PageParts.Fact("Comment", comment));
        }

        body.Append("</dl>\n<p>The LSP lead is told by email.</p>\n");
        return PageParts.Document("Government Office decision", body.ToString());
    }

    public static string Problem(string title, string message) => PageParts.Problem(title, message);

    private static TargetLine ToLine(TargetView target) => new(
        target.Indicator,
        target.Title ?? "",
        target.Kind.ToString().ToLowerInvariant(),
        target.Baseline,
        [.. target.Trajectory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new TrajectoryPoint(p.Key, p.Value))]);

    private static string Partners(IReadOnlyList<PartnerView> partners)
    {
        var html = new StringBuilder("<table>\n<caption>Partners</caption>\n<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\">Answer</th></tr></thead>\n<tbody>\n");
        foreach (var p in partners)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(p.Name)).Append("</th><td>").Append(E(p.Status.ToString().ToLowerInvariant())).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string E(string value) => PageParts.Encode(value);
}
