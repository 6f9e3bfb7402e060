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
            .Append(PageParts.Fact("Partner", view.PartnerName))
            .Append(PageParts.Fact("Responsible authority", view.ResponsibleAuthority))
            .Append(PageParts.Fact("Answer by", EmailDocument.Date(view.ResponseDeadline)))
            .Append(PageParts.Fact("Consultation round", token.Round.ToString(CultureInfo.InvariantCulture)))
            .Append("</dl>\n")
            .Append(PageParts.TargetsTable(view.Targets, "Your targets"));
        if (error is not null)
        {
            body.Append(PageParts.Alert(error));
        }

        body.Append("<form method=\"post\">\n<fieldset>\n<legend><h2>Your answer</h2></legend>\n")
            .Append(PageParts.Radio("endorse", "Endorse these targets"))
            .Append(PageParts.Radio("object", "Object to these targets (please give a reason)"))
            .Append(PageParts.Radio("request-changes", "Ask for changes (please say which)"))
            .Append("</fieldset>\n")
            .Append(PageParts.CommentAndSend("Reason or comment", comment, "Send my answer", "Your answer is recorded only when you press the button."));
        return PageParts.Document($"Answer on the {view.Area} Local Area Agreement", body.ToString());
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
            .Append(PageParts.Fact("Agreement", $"{area} Local Area Agreement"))
            .Append(PageParts.Fact("Answer", EmailTemplates.DecisionText(answer.Decision)))
            // A rehearsal's page shows the time on its calendar, as its emails and timeline do.
            .Append(PageParts.Fact("Received", EmailDocument.Date(view?.Dated(answer.ReceivedAt) ?? answer.ReceivedAt)));
        if (!string.IsNullOrWhiteSpace(answer.Comment))
        {
            body.Append(PageParts.Fact("Comment", answer.Comment));
        }

        body.Append("</dl>\n");
        return PageParts.Document("Your answer", body.ToString());
    }

    public static string Problem(string title, string message) => PageParts.Problem(title, message);

    private static string E(string value) => PageParts.Encode(value);
}
