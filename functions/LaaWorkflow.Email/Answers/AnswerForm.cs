namespace LaaWorkflow.Email.Answers;

/// <summary>Reads a decision and comment, from the form or from an email reply, and says what is wrong with them.</summary>
internal static class AnswerForm
{
    public const int MaxCommentLength = 4000;

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
