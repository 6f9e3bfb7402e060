using System.Text;

namespace LaaWorkflow.Email;

/// <summary>Makes text safe to place in a mail header.</summary>
internal static class HeaderText
{
    /// <summary>Replaces every control character (CR and LF among them) by a space and collapses runs of spaces.</summary>
    public static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value)
        {
            var isSpace = char.IsControl(c) || char.IsWhiteSpace(c);
            if (isSpace)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        return builder.ToString().Trim();
    }
}
