using System.Text.RegularExpressions;
using LaaWorkflow.Email.Answers;

namespace LaaWorkflow.Email.Inbound;

/// <summary>Reads a decision from the top of an email reply, ignoring the quoted original below it.</summary>
/// <remarks>
/// The first line that is neither blank nor quoted decides: <c>endorse</c>, <c>object: reason</c> or
/// <c>changes: comment</c> (the reason or comment may continue on the next lines, up to the quoted part or a
/// signature). Anything else is not understood and records nothing: a guess would be worse than a question.
/// </remarks>
internal static partial class ReplyParser
{
    public static ReplyReading Read(string? text)
    {
        var lines = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var index = 0;
        while (index < lines.Length && string.IsNullOrWhiteSpace(lines[index]))
        {
            index++;
        }

        if (index == lines.Length || IsQuoteStart(lines[index]))
        {
            return ReplyReading.NotUnderstood(string.Empty, "Your reply was empty above the quoted email.");
        }

        var first = lines[index].Trim();
        var rest = new List<string>();
        for (var i = index + 1; i < lines.Length && !IsQuoteStart(lines[i]); i++)
        {
            rest.Add(lines[i].TrimEnd());
        }

        var continuation = string.Join('\n', rest).Trim();
        var match = DecisionLine().Match(first);
        if (!match.Success)
        {
            return ReplyReading.NotUnderstood(first, "The first line must start with endorse, object: or changes:.");
        }

        var word = match.Groups["word"].Value.ToLowerInvariant();
        var inline = match.Groups["comment"].Value.Trim();
        var comment = string.Join('\n', new[] { inline, continuation }.Where(s => s.Length > 0));
        if (word.StartsWith("endorse", StringComparison.Ordinal))
        {
            // An endorsement's "comment" would be the partner's sign-off, so only text on the same line is kept.
            return inline.Length == 0
                ? ReplyReading.Understood(first, AnswerDecision.Endorse, null)
                : ReplyReading.Understood(first, AnswerDecision.Endorse, inline);
        }

        var decision = word.StartsWith("object", StringComparison.Ordinal) ? AnswerDecision.Object : AnswerDecision.RequestChanges;
        var (_, checkedComment, error) = AnswerForm.Parse(decision == AnswerDecision.Object ? "object" : "request-changes", comment);
        return error is null
            ? ReplyReading.Understood(first, decision, checkedComment)
            : ReplyReading.NotUnderstood(first, error);
    }

    /// <summary>Where the quoted original or the signature begins.</summary>
    private static bool IsQuoteStart(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith('>')
            || line == "-- "
            || QuoteHeader().IsMatch(trimmed)
            || trimmed.StartsWith("-----Original Message-----", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("From: ", StringComparison.Ordinal)
            || trimmed.StartsWith("________________", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<word>endorsed?|object(?:ion)?|(?:request(?:ed)?\s+)?changes?)\b\s*(?:[:\-\u2013.,!]\s*)?(?<comment>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DecisionLine();

    [GeneratedRegex(@"^On .+wrote:\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QuoteHeader();
}

/// <summary>What a reply says, or why it could not be read.</summary>
internal sealed record ReplyReading(bool IsUnderstood, string FirstLine, AnswerDecision Decision, string? Comment, string? Problem)
{
    public static ReplyReading Understood(string firstLine, AnswerDecision decision, string? comment) => new(true, firstLine, decision, comment, null);

    public static ReplyReading NotUnderstood(string firstLine, string problem) => new(false, firstLine, default, null, problem);
}
