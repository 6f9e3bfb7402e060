using System.Text;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// What an attacker holding one genuine answer token can do to it without the signing key: re-spell it with another
/// partner's id while keeping the original signature. Mirrors the published token layout (base32, lower case).
/// </summary>
internal static class TokenForgery
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int MacLength = 32;

    public static string WithPartner(string token, string partnerId)
    {
        var bytes = Decode(token);
        var position = 1;
        var keyId = ReadString(bytes, ref position);
        var negotiationId = ReadString(bytes, ref position);
        ReadString(bytes, ref position);
        var tail = bytes[position..^MacLength];
        var forged = new List<byte> { bytes[0] };
        foreach (var text in new[] { keyId, negotiationId, partnerId })
        {
            var encoded = Encoding.UTF8.GetBytes(text);
            forged.Add((byte)encoded.Length);
            forged.AddRange(encoded);
        }
        forged.AddRange(tail);
        forged.AddRange(bytes[^MacLength..]);
        return Encode([.. forged]);
    }

    /// <summary>Changes one character in the middle, keeping the token well-formed base32.</summary>
    public static string Tampered(string token)
    {
        var middle = token.Length / 2;
        var replacement = token[middle] == 'a' ? 'b' : 'a';
        return token[..middle] + replacement + token[(middle + 1)..];
    }

    private static string ReadString(byte[] bytes, ref int position)
    {
        var length = bytes[position];
        var text = Encoding.UTF8.GetString(bytes, position + 1, length);
        position += 1 + length;
        return text;
    }

    private static byte[] Decode(string text)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
            buffer &= 0xFF;
        }
        return [.. output];
    }

    private static string Encode(byte[] data)
    {
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }
}
