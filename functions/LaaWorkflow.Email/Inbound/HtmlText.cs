using System.Net;
using System.Text.RegularExpressions;

namespace LaaWorkflow.Email.Inbound;

/// <summary>Turns an HTML-only reply into lines of text good enough to find its first line; quoted blocks become quoted lines.</summary>
internal static partial class HtmlText
{
    public static string ToText(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var withoutQuotes = Blockquote().Replace(html, "\n> quoted\n");
        var withBreaks = Breaks().Replace(withoutQuotes, "\n");
        var text = Tags().Replace(withBreaks, string.Empty);
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"<blockquote\b.*", RegexOptions.IgnoreCase | RegexOptions.Singleline, 1000)]
    private static partial Regex Blockquote();

    [GeneratedRegex(@"<\s*(br|/p|/div|p|div)\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline, 1000)]
    private static partial Regex Tags();
}
