using System.Globalization;
using System.Text;
using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Web;

/// <summary>
/// The pieces of the plain pages people reach from links in our emails (partners' answer pages, the Government Office
/// decision page): one layout, encoded everywhere, readable without scripts or styles from elsewhere.
/// </summary>
/// <remarks>
/// The token pages' Content-Security-Policy allows inline styles and nothing else, so the stylesheet is written into
/// each page. Colours keep a contrast of at least 4.5:1 on white (WCAG 2.1 AA), and nothing is laid out wider than
/// the screen: a partner answering on a phone never scrolls sideways.
/// </remarks>
public static class PageParts
{
    private const string Style = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:#f3f2f1;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;overflow-wrap:anywhere}
        .banner{background:#0b0c0c;color:#fff;padding:.75rem 1rem}
        .banner p{margin:0 auto;max-width:48rem;font-weight:bold}
        main{display:block;max-width:48rem;margin:0 auto;padding:1rem}
        .card{background:#fff;border:1px solid #b1b4b6;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
        h2{font-size:1.25rem;margin:1.25rem 0 .5rem}
        h3{font-size:1.1rem;margin:0 0 .25rem}
        .card>h2:first-child{margin-top:0}
        .eyebrow{color:#505a5f;margin:0;font-size:.95rem}
        .lead{font-size:1.1rem;margin:.25rem 0 1rem}
        a{color:#1d70b8}a:visited{color:#4c2c92}
        a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
        .facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
        .facts dt{font-weight:bold}.facts dd{margin:0;white-space:pre-line}
        fieldset{border:0;margin:0;padding:0;min-width:0}
        legend{padding:0}legend h2{margin-top:0}
        .choices{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.5rem;margin:0 0 1rem}
        .choice{display:flex;align-items:flex-start;gap:.5rem;border:2px solid #505a5f;border-radius:6px;padding:.6rem .75rem;background:#fff}
        .choice input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none;accent-color:#0b0c0c}
        .choice label{font-weight:bold;cursor:pointer}
        .choice:has(input:checked){border-color:#0b0c0c;background:#e8f1f8;box-shadow:inset 0 0 0 2px #0b0c0c}
        .field{margin:0 0 1rem}.field label{display:block;font-weight:bold}
        .hint{color:#505a5f;margin:0 0 .25rem}
        textarea{display:block;width:100%;max-width:100%;font:inherit;padding:.4rem;border:2px solid #0b0c0c;border-radius:0}
        textarea[aria-invalid=true]{border-color:#d4351c;border-width:3px}
        .actions{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1rem;margin:0 0 .5rem}
        button{font:inherit;font-weight:bold;color:#fff;background:#00703c;border:0;border-radius:4px;padding:.6rem 1.1rem;box-shadow:0 2px 0 #002d18;cursor:pointer}
        button:hover{background:#005a30}
        .small{font-size:.9rem;color:#505a5f;margin:0}
        .alert{border:4px solid #d4351c;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}
        .alert h2{margin:.25rem 0}
        .next{border-left:6px solid #00703c;padding:.25rem 0 .25rem 1rem;margin:1rem 0}
        .next ol,.next ul{margin:.25rem 0;padding-left:1.25rem}
        .targets{list-style:none;margin:0;padding:0}
        .target{border-top:1px solid #b1b4b6;padding:.75rem 0}
        .target h3 span{font-weight:normal}
        .tags{display:flex;flex-wrap:wrap;gap:.25rem .5rem;margin:.25rem 0 .5rem;padding:0;list-style:none}
        .tag{display:inline-block;border:1px solid #505a5f;border-radius:3px;padding:0 .4rem;font-size:.9rem;background:#fff}
        .tag.better{border-color:#00703c;color:#005a30;font-weight:bold}
        .values{display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 .5rem}
        .values div{border:1px solid #b1b4b6;border-radius:3px;padding:.2rem .5rem;min-width:5.5rem}
        .values dt{font-size:.85rem;color:#505a5f}.values dd{margin:0;font-weight:bold}
        .target .field{margin:.5rem 0 0}.target .field label{font-weight:normal}
        table{border-collapse:collapse;width:100%}
        caption{text-align:left;font-weight:bold;padding:.25rem 0}
        th,td{text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6;padding:.4rem .75rem .4rem 0;overflow-wrap:break-word}
        thead th{white-space:nowrap}
        summary{color:#1d70b8;text-decoration:underline;cursor:pointer;margin:0 0 .5rem}
        summary:focus{outline:3px solid #ffdd00;box-shadow:0 0 0 5px #0b0c0c}
        .history{list-style:none;margin:0;padding:0}
        .history li{border-left:3px solid #b1b4b6;padding:0 0 .6rem .75rem}
        .history time{display:block;color:#505a5f;font-size:.9rem}
        @media (max-width:40rem){
          main{padding:.5rem}.card{padding:.75rem}
          h1{font-size:1.35rem}
          .facts{grid-template-columns:1fr;gap:0}.facts dd{margin-bottom:.4rem}
          table.reflow thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          table.reflow tr{display:block;border-bottom:1px solid #b1b4b6;padding:.4rem 0}
          table.reflow th,table.reflow td{display:block;border:0;padding:.1rem 0}
          table.reflow td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
        }
        @media print{.banner,.actions,button{display:none}body{background:#fff}.card{border:0}}
        """;

    /// <summary>HTML-encodes text for an element or attribute.</summary>
    public static string Encode(string value) => EmailDocument.Encode(value);

    /// <summary>A whole page around <paramref name="body"/> (already HTML), under a banner naming the service.</summary>
    public static string Document(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>"
        + Encode(title) + "</title>\n<style>\n" + Style + "</style>\n</head>\n<body>\n<header class=\"banner\"><p>Local Area Agreements</p></header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";

    /// <summary>A page saying what went wrong and that nothing was recorded.</summary>
    public static string Problem(string title, string message) =>
        Document(title, $"<div class=\"card\">\n<h1>{Encode(title)}</h1>\n<p>{Encode(message)}</p>\n<p>Nothing has been recorded.</p>\n</div>\n");

    /// <summary>A term and its value, for a <c>dl</c>.</summary>
    public static string Fact(string label, string value) => $"<dt>{Encode(label)}</dt><dd>{Encode(value)}</dd>";

    /// <summary>
    /// One required choice of the form's <c>decision</c> field, checked when it is the <paramref name="chosen"/> one
    /// (a form sent back for correction keeps what was chosen). The label alone is its accessible name.
    /// </summary>
    public static string Radio(string value, string label, string? chosen = null, string? hintId = null) =>
        $"<div class=\"choice\"><input type=\"radio\" id=\"decision-{Encode(value)}\" name=\"decision\" value=\"{Encode(value)}\" required"
        + (string.Equals(value, chosen, StringComparison.Ordinal) ? " checked" : "")
        + (hintId is null ? "" : $" aria-describedby=\"{Encode(hintId)}\"")
        + $"> <label for=\"decision-{Encode(value)}\">{Encode(label)}</label></div>\n";

    /// <summary>The error box shown above a form sent back for correction, linking to the field to correct.</summary>
    public static string Alert(string error, string? fieldId = null) =>
        "<div class=\"alert\" role=\"alert\"><h2>There is a problem</h2><p>"
        + (fieldId is null ? Encode(error) : $"<a href=\"#{Encode(fieldId)}\">{Encode(error)}</a>")
        + "</p></div>\n";

    /// <summary>A labelled text box with an optional hint; marked invalid when the error box is about it.</summary>
    public static string TextArea(string id, string name, string label, string? value, string? hint = null, int rows = 5, bool invalid = false) =>
        $"<div class=\"field\"><label for=\"{Encode(id)}\">{Encode(label)}</label>\n"
        + (hint is null ? "" : $"<p class=\"hint\" id=\"{Encode(id)}-hint\">{Encode(hint)}</p>\n")
        + $"<textarea id=\"{Encode(id)}\" name=\"{Encode(name)}\" rows=\"{rows.ToString(CultureInfo.InvariantCulture)}\" maxlength=\"4000\""
        + (hint is null ? "" : $" aria-describedby=\"{Encode(id)}-hint\"")
        + (invalid ? " aria-invalid=\"true\"" : "")
        + $">{Encode(value ?? string.Empty)}</textarea></div>\n";

    /// <summary>The send button, with the promise that opening the page recorded nothing.</summary>
    /// <remarks>
    /// The button skips the browser's own checks (<c>formnovalidate</c>): the server's error box names the problem in
    /// words a screen reader reads, and keeps what was chosen and typed.
    /// </remarks>
    public static string Send(string button, string recordedWhen) =>
        $"<div class=\"actions\"><button type=\"submit\" formnovalidate>{Encode(button)}</button>\n"
        + $"<p class=\"small\">Opening this page records nothing. {Encode(recordedWhen)}</p></div>\n";

    /// <summary>Whether a target improves as it rises, in words: "Higher is better", "Lower is better" or null when not known.</summary>
    public static string? Direction(bool? higherIsBetter) => higherIsBetter switch
    {
        true => "Higher is better",
        false => "Lower is better",
        null => null,
    };

    /// <summary>
    /// One target as a card: its indicator and title, kind and direction, then the baseline and each year's value as
    /// boxes that wrap on a narrow screen; <paramref name="extra"/> (already HTML) goes at the end.
    /// </summary>
    public static string TargetCard(TargetLine target, string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var html = new StringBuilder("<li class=\"target\">\n<h3>").Append(Encode(target.IndicatorCode));
        if (!string.IsNullOrWhiteSpace(target.Title))
        {
            html.Append(" <span>").Append(Encode(target.Title)).Append("</span>");
        }

        html.Append("</h3>\n<ul class=\"tags\"><li class=\"tag\">").Append(Encode(KindName(target.Kind))).Append("</li>");
        if (Direction(target.HigherIsBetter) is { } direction)
        {
            html.Append("<li class=\"tag better\">").Append(Encode(direction)).Append("</li>");
        }

        html.Append("</ul>\n<dl class=\"values\">")
            .Append("<div><dt>Baseline</dt><dd>").Append(Encode(target.Baseline?.ToString(CultureInfo.InvariantCulture) ?? "not set")).Append("</dd></div>");
        foreach (var point in target.Trajectory)
        {
            html.Append("<div><dt>").Append(Encode(point.Year)).Append("</dt><dd>").Append(Encode(point.Value.ToString(CultureInfo.InvariantCulture))).Append("</dd></div>");
        }

        html.Append("</dl>\n");
        if (target.Justification is { } why)
        {
            html.Append("<p>Gets worse before it improves, because: ").Append(Encode(why)).Append("</p>\n");
        }

        return html.Append(extra).Append("</li>\n").ToString();
    }

    /// <summary>The targets as a list of cards (see <see cref="TargetCard"/>).</summary>
    public static string TargetCards(IEnumerable<TargetLine> targets) =>
        "<ol class=\"targets\">\n" + string.Concat(targets.Select(t => TargetCard(t))) + "</ol>\n";

    private static string KindName(string kind) => kind switch
    {
        "designated" => "Designated target",
        "statutory" => "Statutory target",
        "local" => "Local target",
        _ => kind,
    };
}
