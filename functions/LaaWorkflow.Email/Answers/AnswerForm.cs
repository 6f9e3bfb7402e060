namespace LaaWorkflow.Email.Answers;

/// <summary>Reads a decision and comment, from the form or from an email reply, and says what is wrong with them.</summary>
internal static class AnswerForm
{
    public const int MaxCommentLength = 4000;

    /// <summary>The answer page names each target's comment box <c>target:</c> and the target's indicator, for example <c>target:NI 16</c>.</summary>
    public const string TargetCommentPrefix = "target:";

    /// <summary>
    /// The one comment an answer stores: the general comment, then a line <c>NI 16: ...</c> for each target commented
    /// on, in the order of <paramref name="targets"/>; comments naming no target of theirs are left out.
    /// </summary>
    /// <remarks>
    /// Folding the target comments into the stored comment keeps the answer's stored shape, so everything that reads
    /// answers (the ledger, the negotiation's timeline, the lead's notice) reads them without change. Each target's
    /// comment is kept to one line so the lines can be told apart.
    /// </remarks>
    public static string? Compose(string? comment, IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> targetComments)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(comment))
        {
            lines.Add(comment.Trim());
        }

        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            if (targetComments.TryGetValue(target, out var said) && !string.IsNullOrWhiteSpace(said))
            {
                lines.Add($"{target}: {string.Join(' ', said.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            }
        }

        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    public static (AnswerDecision Decision, string? Comment, string? Error) Parse(string? decision, string? comment)
    {
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > MaxCommentLength })
        {
            return (default, null, $"The comment is longer than {MaxCommentLength} characters.");
        }

        switch (decision?.Trim().ToLowerInvariant())
        {
            case "endorse":
                return (AnswerDecision.Endorse, text, null);
            case "object":
                return text is null
                    ? (default, null, "Please give a reason for your objection.")
                    : (AnswerDecision.Object, text, null);
            case "request-changes" or "changes":
                return text is null
                    ? (default, null, "Please say which changes you ask for.")
                    : (AnswerDecision.RequestChanges, text, null);
            case null or "":
                return (default, null, "Please choose an answer: endorse, object or request changes.");
            default:
                return (default, null, "The answer must be endorse, object or request changes.");
        }
    }
}
