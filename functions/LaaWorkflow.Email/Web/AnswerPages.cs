using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Web;

/// <summary>What a partner typed into the answer form, given back to them when the form is sent back for correction.</summary>
/// <param name="Decision">The <c>decision</c> field as posted (<c>endorse</c>, <c>object</c>, <c>request-changes</c>), or null.</param>
/// <param name="Comment">The general comment.</param>
/// <param name="TargetComments">The comment on each target, by indicator.</param>
internal sealed record AnswerDraft(string? Decision, string? Comment, IReadOnlyDictionary<string, string> TargetComments)
{
    public static AnswerDraft Empty { get; } = new(null, null, new Dictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>
/// The HTML pages a partner sees after following an answer link. Every piece of data is encoded. Like an approval
/// card, the page opens with what is asked and the decision, then the targets it is about, each with a comment box.
/// </summary>
internal static class AnswerPages
{
    public static string Choice(ConsultationView view, AnswerToken token, string? error = null, AnswerDraft? draft = null, string? errorField = null)
    {
        draft ??= AnswerDraft.Empty;
        var body = new StringBuilder("<div class=\"card\">\n")
            .Append("<p class=\"eyebrow\">").Append(E($"{view.PartnerName} · consultation round {token.Round.ToString(CultureInfo.InvariantCulture)}")).Append("</p>\n")
            .Append("<h1>").Append(E(Title(view.Area, view.Period, view.IsMultiArea) + (view.Version is null ? "" : $": {view.Version}"))).Append("</h1>\n")
            .Append("<p class=\"lead\">").Append(E(view.Version is null
                ? $"{view.ResponsibleAuthority} asks {view.PartnerName} to endorse its targets in the draft agreement by {EmailDocument.Date(view.ResponseDeadline)}."
                : $"{view.ResponsibleAuthority} asks {view.PartnerName} to endorse the refreshed targets it leads by {EmailDocument.Date(view.ResponseDeadline)}; the targets the refresh leaves unchanged stand as agreed.")).Append("</p>\n")
            .Append(Contact(view.LspLead));
        if (error is not null)
        {
            body.Append(PageParts.Alert(error, errorField));
        }

        body.Append("<form method=\"post\">\n<fieldset>\n<legend><h2>Your answer</h2></legend>\n<div class=\"choices\">\n")
            .Append(PageParts.Radio("endorse", "Endorse these targets", draft.Decision))
            .Append(PageParts.Radio("object", "Object to these targets (please give a reason)", draft.Decision))
            .Append(PageParts.Radio("request-changes", "Ask for changes (please say which)", draft.Decision))
            .Append("</div>\n</fieldset>\n")
            .Append(PageParts.TextArea("comment", "comment", "Reason or comment", draft.Comment,
                "Needed if you object or ask for changes. You can also comment on each target below.", rows: 4, invalid: errorField == "comment"))
            .Append(PageParts.Send("Send my answer", "Your answer is recorded only when you press the button."))
            .Append("<section aria-labelledby=\"targets-heading\">\n<h2 id=\"targets-heading\">")
            .Append(E($"Your targets ({view.Targets.Count.ToString(CultureInfo.InvariantCulture)})")).Append("</h2>\n")
            .Append("<p class=\"hint\">Each target shows whether a higher or a lower value is better. A comment on a target is optional; it is recorded with your answer.</p>\n")
            .Append("<ol class=\"targets\">\n");
        for (var i = 0; i < view.Targets.Count; i++)
        {
            var target = view.Targets[i];
            draft.TargetComments.TryGetValue(target.IndicatorCode, out var said);
            body.Append(PageParts.TargetCard(target, PageParts.TextArea(
                $"target-{i.ToString(CultureInfo.InvariantCulture)}", AnswerForm.TargetCommentPrefix + target.IndicatorCode,
                $"Comment on {target.IndicatorCode} (optional)", said, rows: 2)));
        }

        body.Append("</ol>\n")
            .Append(view.Targets.Count > 0 ? PageParts.Send("Send the answer with these comments", "Your choice at the top of the page is sent with them.") : "")
            .Append("</section>\n</form>\n</div>\n");
        return PageParts.Document($"Answer on the {Title(view.Area, "", view.IsMultiArea)}", body.ToString());
    }

    public static string Confirmed(AnswerSubmission answer, ConsultationView? view, bool repeated)
    {
        var body = new StringBuilder("<div class=\"card\">\n")
            .Append("<h1>").Append(repeated ? "Your answer was already recorded" : "Thank you, your answer is recorded").Append("</h1>\n");
        if (repeated)
        {
            body.Append("<p>An answer for this consultation round was recorded earlier. It stands, and nothing new was recorded.</p>\n");
        }

        body.Append("<dl class=\"facts\">")
            .Append(PageParts.Fact("Agreement", view is null ? "Local Area Agreement" : Title(view.Area, view.Period, view.IsMultiArea)))
            .Append(view is null ? "" : PageParts.Fact("Partner", view.PartnerName))
            .Append(PageParts.Fact("Answer", EmailTemplates.DecisionText(answer.Decision)))
            // A rehearsal's page shows the time on its calendar, as its emails and timeline do.
            .Append(PageParts.Fact("Received", EmailDocument.Date(view?.Dated(answer.ReceivedAt) ?? answer.ReceivedAt)));
        if (!string.IsNullOrWhiteSpace(answer.Comment))
        {
            body.Append(PageParts.Fact("Comment", answer.Comment));
        }

        body.Append("</dl>\n")
            .Append(WhatHappensNext(answer.Decision, view))
            .Append(Contact(view?.LspLead))
            .Append("</div>\n");
        return PageParts.Document("Your answer", body.ToString());
    }

    /// <summary>What follows the answer, as the negotiation runs it: said on the confirmation so nobody wonders whether to chase.</summary>
    internal static string WhatHappensNext(AnswerDecision decision, ConsultationView? view)
    {
        var lead = view?.LspLead?.Name is { Length: > 0 } name ? $"The LSP lead, {name}," : "The LSP lead";
        var steps = new List<string>(4);
        if (view?.Contact is { } contact)
        {
            steps.Add($"A copy of this answer is emailed to {contact.Email}.");
        }

        if (decision == AnswerDecision.Endorse)
        {
            steps.Add($"{lead} sees your endorsement on the negotiation's record.");
            steps.Add("When every partner has endorsed, the draft agreement goes to the Government Office for approval.");
            steps.Add("If the targets are revised before then, you are asked again by email, with a new link. Otherwise you need do nothing more.");
        }
        else
        {
            steps.Add($"{lead} is told by email and reads your {(decision == AnswerDecision.Object ? "reason" : "comments")}.");
            steps.Add("If the lead revises your targets, you are asked again by email, with a new link, to answer on the revised targets.");
            steps.Add("The draft goes to the Government Office only when every partner has endorsed it.");
        }

        if (view?.SignOffDeadline is { } signOff)
        {
            steps.Add($"The agreement must be signed off by {EmailDocument.Date(signOff)}.");
        }

        return "<section class=\"next\" aria-labelledby=\"next-heading\">\n<h2 id=\"next-heading\">What happens next</h2>\n<ol>"
            + string.Concat(steps.Select(s => $"<li>{E(s)}</li>")) + "</ol>\n</section>\n";
    }

    public static string Problem(string title, string message) => PageParts.Problem(title, message);

    /// <summary>Whom to ask about the targets: the LSP lead, with a link to write to them.</summary>
    private static string Contact(EmailAddress? lead) => lead is null
        ? ""
        : $"<p>Questions about these targets? Contact the LSP lead, {E(lead.Name ?? lead.Email)}, at <a href=\"mailto:{E(lead.Email)}\">{E(lead.Email)}</a>.</p>\n";

    private static string Title(string area, string period, bool multiArea = false) =>
        $"{area} {(multiArea ? "Multi-Area Agreement" : "Local Area Agreement")}{(string.IsNullOrWhiteSpace(period) ? "" : " " + period)}";

    private static string E(string value) => PageParts.Encode(value);
}
