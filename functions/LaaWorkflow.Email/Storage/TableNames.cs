using System.Security.Cryptography;
using System.Text;

namespace LaaWorkflow.Email.Storage;

/// <summary>Table and key naming shared by the Table storage stores.</summary>
internal static class TableNames
{
    /// <summary>A fixed-length key for free text (a message key, an event id): keys may not hold <c>/ \ # ?</c> and are limited in length.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40];

    /// <summary>A readable key: letters, digits, <c>-</c>, <c>_</c> and <c>.</c> as they are, every other UTF-8 byte as <c>~XX</c>.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
