namespace LaaWorkflow.Email.Answers;

/// <summary>
/// Lower-case RFC 4648 base32 without padding: safe in URLs and in the local part of an email address, and
/// unharmed by mail systems that change the case of addresses (decoding ignores case).
/// </summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, index);
    }

    public static bool TryDecode(string text, out byte[] data)
    {
        data = [];
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            int value = c is >= 'a' and <= 'z' ? c - 'a' : c is >= '2' and <= '7' ? c - '2' + 26 : -1;
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }

            buffer &= 0xFF;
        }

        // Leftover bits must be zero padding, otherwise two spellings would decode to the same bytes.
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            return false;
        }

        data = output;
        return true;
    }
}
