using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Web;

/// <summary>
/// The pieces of the plain pages people reach from links in our emails (partners' answer pages, the Government Office
/// decision page): one layout, encoded everywhere, readable without scripts or styles from elsewhere.
/// </summary>
public static class PageParts
{
    /// <summary>HTML-encodes text for an element or attribute.</summary>
    public static string Encode(string value) => EmailDocument.Encode(value);

    /// <summary>A whole page around <paramref name="body"/> (already HTML).</summary>
    public static string Document(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>"
        + Encode(title) + "</title>\n</head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; max-width: 50em; margin: 0 auto; padding: 1em;\">\n<main>\n" + body + "</main>\n</body>\n</html>\n";

    /// <summary>A page saying what went wrong and that nothing was recorded.</summary>
    public static string Problem(string title, string message) =>
        Document(title, $"<h1>{Encode(title)}</h1>\n<p>{Encode(message)}</p>\n<p>Nothing has been recorded.</p>\n");

    /// <summary>A term and its value, for a <c>dl</c>.</summary>
    public static string Fact(string label, string value) => $"<dt>{Encode(label)}</dt><dd>{Encode(value)}</dd>";

    /// <summary>One required choice of the form's <c>decision</c> field.</summary>
    public static string Radio(string value, string label) =>
        $"<p><input type=\"radio\" id=\"decision-{Encode(value)}\" name=\"decision\" value=\"{Encode(value)}\" required> <label for=\"decision-{Encode(value)}\">{Encode(label)}</label></p>\n";

    /// <summary>The error box shown above a form sent back for correction.</summary>
    public static string Alert(string error) =>
        $"<div role=\"alert\" style=\"border: 4px solid #d4351c; padding: 0.5em 1em;\"><h2>There is a problem</h2><p>{Encode(error)}</p></div>\n";

    /// <summary>The form's comment box and send button, with the promise that opening the page recorded nothing.</summary>
    public static string CommentAndSend(string label, string? comment, string button, string recordedWhen) =>
        $"<p><label for=\"comment\">{Encode(label)}</label><br>\n"
        + $"<textarea id=\"comment\" name=\"comment\" rows=\"6\" cols=\"60\" maxlength=\"4000\">{Encode(comment ?? string.Empty)}</textarea></p>\n"
        + $"<p><button type=\"submit\">{Encode(button)}</button></p>\n</form>\n"
        + $"<p>Opening this page records nothing. {Encode(recordedWhen)}</p>\n";

    /// <summary>The targets as a table: indicator, title, kind, baseline and trajectory.</summary>
    public static string TargetsTable(IReadOnlyList<TargetLine> targets, string caption)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var html = new StringBuilder("<table>\n<caption>").Append(Encode(caption))
            .Append("</caption>\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Title</th><th scope=\"col\">Kind</th><th scope=\"col\">Baseline</th><th scope=\"col\">Trajectory</th></tr></thead>\n<tbody>\n");
        foreach (var t in targets)
        {
            var trajectory = string.Join(", ", t.Trajectory.Select(p => $"{p.Year}: {p.Value.ToString(CultureInfo.InvariantCulture)}"));
            html.Append("<tr><th scope=\"row\">").Append(Encode(t.IndicatorCode)).Append("</th><td>").Append(Encode(t.Title)).Append("</td><td>").Append(Encode(t.Kind))
                .Append("</td><td>").Append(Encode(t.Baseline?.ToString(CultureInfo.InvariantCulture) ?? "not set")).Append("</td><td>").Append(Encode(trajectory)).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n").ToString();
    }
}
