using System.Text;

namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>
/// Instance ids are user text, but table keys forbid '/', '\', '#', '?' and control characters: those (and '%'
/// itself) are written as %XX, so every id maps to exactly one key and back, and key order follows id order for
/// the characters users actually use (which keeps id-prefix queries a key range).
/// </summary>
internal static class KeyEncoding
{
    public static string Encode(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string key) => key.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(key) : key;

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
