using System.Globalization;
using System.Net;
using System.Text;

namespace LaaWorkflow.Email.Templates;

/// <summary>
/// Builds the plain-text and HTML bodies of one email side by side, so the two never drift apart and every piece of
/// text passes through one HTML encoder.
/// </summary>
/// <remarks>
/// The HTML is deliberately plain: semantic headings, a real table with a caption and header cells, inline styles
/// only, no scripts and no remote images, so it reads in a screen reader and in clients that block images.
/// </remarks>
internal sealed class EmailDocument
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();
    private readonly string _subject;

    public EmailDocument(string subject)
    {
        _subject = HeaderText.Clean(subject);
        _html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(_subject))
            .Append("</title>\n</head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; max-width: 40em; margin: 0 auto; padding: 1em;\">\n<main>\n");
    }

    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // WebUtility encodes < > & " ' (enough for text and double-quoted attributes) and leaves '+' and '/' readable.
    public static string Encode(string value) => WebUtility.HtmlEncode(value);

    public EmailDocument Heading(string text)
    {
        _text.Append(text).Append('\n').Append(new string('=', Math.Min(text.Length, 72))).Append("\n\n");
        _html.Append("<h1 style=\"font-size: 1.5em;\">").Append(Encode(text)).Append("</h1>\n");
        return this;
    }

    public EmailDocument Subheading(string text)
    {
        _text.Append(text).Append('\n').Append(new string('-', Math.Min(text.Length, 72))).Append("\n\n");
        _html.Append("<h2 style=\"font-size: 1.2em;\">").Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    public EmailDocument Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A paragraph quoting text someone else wrote (a reason, a comment, a reply).</summary>
    public EmailDocument Quote(string label, string text)
    {
        _text.Append(label).Append('\n');
        foreach (var line in text.Split('\n'))
        {
            _text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
        }

        _text.Append('\n');
        _html.Append("<p>").Append(Encode(label)).Append("</p>\n<blockquote style=\"border-left: 4px solid #b1b4b6; margin: 0 0 1em 0; padding-left: 1em; white-space: pre-wrap;\">")
            .Append(Encode(text)).Append("</blockquote>\n");
        return this;
    }

    public EmailDocument Facts(params (string Label, string Value)[] facts)
    {
        _html.Append("<dl>\n");
        foreach (var (label, value) in facts)
        {
            _text.Append(label).Append(": ").Append(value).Append('\n');
            _html.Append("<dt style=\"font-weight: bold;\">").Append(Encode(label)).Append("</dt><dd style=\"margin: 0 0 0.5em 0;\">").Append(Encode(value)).Append("</dd>\n");
        }

        _text.Append('\n');
        _html.Append("</dl>\n");
        return this;
    }

    public EmailDocument List(IEnumerable<string> items)
    {
        _html.Append("<ul>\n");
        foreach (var item in items)
        {
            _text.Append("  * ").Append(item).Append('\n');
            _html.Append("<li>").Append(Encode(item)).Append("</li>\n");
        }

        _text.Append('\n');
        _html.Append("</ul>\n");
        return this;
    }

    public EmailDocument Link(string label, Uri target)
    {
        var href = target.AbsoluteUri;
        _text.Append(label).Append(":\n").Append(href).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Encode(href)).Append("\" style=\"display: inline-block; background: #00703c; color: #ffffff; padding: 0.5em 1em; text-decoration: none; font-weight: bold;\">")
            .Append(Encode(label)).Append("</a></p>\n");
        return this;
    }

    public EmailDocument Targets(string caption, IReadOnlyList<TargetLine> targets)
    {
        if (targets.Count == 0)
        {
            return Paragraph("No targets are listed.");
        }

        _text.Append(caption).Append('\n');
        _html.Append("<table style=\"border-collapse: collapse; width: 100%;\">\n<caption style=\"text-align: left; font-weight: bold;\">")
            .Append(Encode(caption)).Append("</caption>\n<thead><tr>");
        foreach (var header in new[] { "Indicator", "Title", "Kind", "Baseline", "Trajectory" })
        {
            _html.Append("<th scope=\"col\" style=\"text-align: left; border-bottom: 2px solid #0b0c0c; padding: 0.25em;\">").Append(header).Append("</th>");
        }

        _html.Append("</tr></thead>\n<tbody>\n");
        foreach (var target in targets)
        {
            var baseline = target.Baseline is { } b ? b.ToString(CultureInfo.InvariantCulture) : "not set";
            var trajectory = target.Trajectory.Count == 0
                ? "not set"
                : string.Join(", ", target.Trajectory.Select(p => $"{p.Year}: {p.Value.ToString(CultureInfo.InvariantCulture)}"));
            trajectory += target.HigherIsBetter switch
            {
                true => " (higher is better)",
                false => " (lower is better)",
                null => "",
            };
            _text.Append("  * ").Append(target.IndicatorCode).Append(" ").Append(target.Title).Append(" (").Append(target.Kind).Append(")\n")
                .Append("    Baseline: ").Append(baseline).Append("; trajectory: ").Append(trajectory).Append('\n');
            if (target.Justification is { } why)
            {
                // A trajectory that gets worse is agreed only with its reason in front of the Government Office.
                _text.Append("    Gets worse before it improves, because: ").Append(why).Append('\n');
                trajectory += ". Gets worse before it improves, because: " + why;
            }
            _html.Append("<tr><th scope=\"row\" style=\"text-align: left; padding: 0.25em; border-bottom: 1px solid #b1b4b6;\">").Append(Encode(target.IndicatorCode)).Append("</th>");
            foreach (var cell in new[] { target.Title, target.Kind, baseline, trajectory })
            {
                _html.Append("<td style=\"padding: 0.25em; border-bottom: 1px solid #b1b4b6;\">").Append(Encode(cell)).Append("</td>");
            }

            _html.Append("</tr>\n");
        }

        _text.Append('\n');
        _html.Append("</tbody>\n</table>\n");
        return this;
    }

    public EmailDocument Partners(string caption, IReadOnlyList<PartnerStatusLine> partners)
    {
        if (partners.Count == 0)
        {
            return Paragraph("No partners are listed.");
        }

        return Subheading(caption).List(partners.Select(p =>
        {
            var line = $"{p.PartnerName}: {p.Status}";
            if (p.EscalationLevel > 0)
            {
                line += $" (escalated to level {p.EscalationLevel.ToString(CultureInfo.InvariantCulture)})";
            }

            return string.IsNullOrWhiteSpace(p.Detail) ? line : $"{line}: {p.Detail}";
        }));
    }

    public RenderedEmail Build()
    {
        const string footer = "This email was sent by LaaWorkflow for the Local Strategic Partnership.";
        _text.Append("-- \n").Append(footer).Append('\n');
        _html.Append("</main>\n<footer><p style=\"color: #505a5f; font-size: 0.875em;\">").Append(Encode(footer)).Append("</p></footer>\n</body>\n</html>\n");
        return new RenderedEmail(_subject, _text.ToString(), _html.ToString());
    }
}
