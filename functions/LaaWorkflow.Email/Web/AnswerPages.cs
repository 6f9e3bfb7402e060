using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Web;

/// <summary>The HTML pages a partner sees after following an answer link. Every piece of data is encoded.</summary>
internal static class AnswerPages
{
    public static string Choice(ConsultationView view, AnswerToken token, string? error = null, string? comment = null)
    {
        var body = new StringBuilder()
            .Append("<h1>").Append(E($"{view.Area} Local Area Agreement")).Append("</h1>\n")
            .Append("<dl>")
            .Append(Fact("Partner", view.PartnerName))
            .Append(Fact("Responsible authority", view.ResponsibleAuthority))
            .Append(Fact("Answer by", EmailDocument.Date(view.ResponseDeadline)))
            .Append(Fact("Consultation round", token.Round.ToString(CultureInfo.InvariantCulture)))
            .Append("</dl>\n")
            .Append(TargetsTable(view.Targets));
        if (error is not null)
        {
            body.Append("<div role=\"alert\" style=\"border: 4px solid #d4351c; padding: 0.5em 1em;\"><h2>There is a problem</h2><p>").Append(E(error)).Append("</p></div>\n");
        }

        body.Append("<form method=\"post\">\n<fieldset>\n<legend><h2>Your answer</h2></legend>\n")
            .Append(Radio("endorse", "Endorse these targets"))
            .Append(Radio("object", "Object to these targets (please give a reason)"))
            .Append(Radio("request-changes", "Ask for changes (please say which)"))
            .Append("</fieldset>\n<p><label for=\"comment\">Reason or comment</label><br>\n")
            .Append("<textarea id=\"comment\" name=\"comment\" rows=\"6\" cols=\"60\" maxlength=\"4000\">").Append(E(comment ?? string.Empty)).Append("</textarea></p>\n")
            .Append("<p><button type=\"submit\">Send my answer</button></p>\n</form>\n")
            .Append("<p>Opening this page records nothing. Your answer is recorded only when you press the button.</p>\n");
        return Page($"Answer on the {view.Area} Local Area Agreement", body.ToString());
    }

    public static string Confirmed(AnswerSubmission answer, ConsultationView? view, bool repeated)
    {
        var area = view?.Area ?? "the";
        var body = new StringBuilder()
            .Append("<h1>").Append(repeated ? "Your answer was already recorded" : "Thank you, your answer is recorded").Append("</h1>\n");
        if (repeated)
        {
            body.Append("<p>An answer for this consultation round was recorded earlier. It stands, and nothing new was recorded.</p>\n");
        }

        body.Append("<dl>")
            .Append(Fact("Agreement", $"{area} Local Area Agreement"))
            .Append(Fact("Answer", EmailTemplates.DecisionText(answer.Decision)))
            .Append(Fact("Received", EmailDocument.Date(answer.ReceivedAt)));
        if (!string.IsNullOrWhiteSpace(answer.Comment))
        {
            body.Append(Fact("Comment", answer.Comment));
        }

        body.Append("</dl>\n");
        return Page("Your answer", body.ToString());
    }

    public static string Problem(string title, string message) =>
        Page(title, $"<h1>{E(title)}</h1>\n<p>{E(message)}</p>\n<p>Nothing has been recorded.</p>\n");

    private static string Radio(string value, string label) =>
        $"<p><input type=\"radio\" id=\"decision-{value}\" name=\"decision\" value=\"{value}\" required> <label for=\"decision-{value}\">{E(label)}</label></p>\n";

    private static string Fact(string label, string value) => $"<dt>{E(label)}</dt><dd>{E(value)}</dd>";

    private static string TargetsTable(IReadOnlyList<TargetLine> targets)
    {
        var html = new StringBuilder("<table>\n<caption>Your targets</caption>\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Title</th><th scope=\"col\">Kind</th><th scope=\"col\">Baseline</th><th scope=\"col\">Trajectory</th></tr></thead>\n<tbody>\n");
        foreach (var t in targets)
        {
            var trajectory = string.Join(", ", t.Trajectory.Select(p => $"{p.Year}: {p.Value.ToString(CultureInfo.InvariantCulture)}"));
            html.Append("<tr><th scope=\"row\">").Append(E(t.IndicatorCode)).Append("</th><td>").Append(E(t.Title)).Append("</td><td>").Append(E(t.Kind))
                .Append("</td><td>").Append(E(t.Baseline?.ToString(CultureInfo.InvariantCulture) ?? "not set")).Append("</td><td>").Append(E(trajectory)).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string E(string value) => EmailDocument.Encode(value);

    private static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>"
        + E(title) + "</title>\n</head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; max-width: 50em; margin: 0 auto; padding: 1em;\">\n<main>\n" + body + "</main>\n</body>\n</html>\n";
}
