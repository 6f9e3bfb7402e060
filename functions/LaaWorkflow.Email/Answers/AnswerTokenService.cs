using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Answers;

/// <summary>Issues and verifies the signed tokens in answer links and reply-to addresses.</summary>
/// <remarks>
/// <para>Layout (then base32): version byte 1; key id, negotiation id and partner id, each as a length byte then
/// UTF-8; round as a 32-bit big-endian integer; expiry as 64-bit big-endian Unix seconds; then the HMAC-SHA256 of
/// everything before it under the named key. The key id is inside the signed bytes, so it cannot be swapped.</para>
/// <para>Rotation: the active key signs; every configured key verifies, so links already in inboxes keep working
/// until their key is removed from configuration.</para>
/// <para>Warning: changing the layout invalidates every link already sent.</para>
/// </remarks>
public sealed class AnswerTokenService
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly TimeProvider _time;

    /// <summary>Creates the service from the configured keys.</summary>
    /// <exception cref="OptionsValidationException">No keys, no active key, an active key not among the keys, or a key shorter than 32 bytes.</exception>
    public AnswerTokenService(IOptions<EmailOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var tokens = options.Value.Tokens;
        _time = time;
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (id, secret) in tokens.Keys)
        {
            if (Encoding.UTF8.GetByteCount(id) is 0 or > 32)
            {
                problems.Add($"Email:Tokens:Keys: the key id '{id}' must be 1 to 32 bytes.");
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(secret);
            }
            catch (FormatException)
            {
                problems.Add($"Email:Tokens:Keys:{id} is not base64.");
                continue;
            }

            if (bytes.Length < 32)
            {
                problems.Add($"Email:Tokens:Keys:{id} must hold at least 32 bytes (base64 of 32 random bytes).");
                continue;
            }

            _keys[id] = bytes;
        }

        _activeKeyId = tokens.ActiveKeyId ?? string.Empty;
        if (!_keys.ContainsKey(_activeKeyId))
        {
            problems.Add($"Email:Tokens:ActiveKeyId '{_activeKeyId}' must name one of Email:Tokens:Keys.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(EmailOptions), typeof(EmailOptions), problems);
        }
    }

    /// <summary>Signs <paramref name="token"/> with the active key.</summary>
    /// <exception cref="ArgumentException">An id is empty or longer than 255 UTF-8 bytes, or the round is negative.</exception>
    public string Issue(AnswerToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfNegative(token.Round);
        var payload = Pack(_activeKeyId, token);
        var signed = new byte[payload.Length + MacLength];
        payload.CopyTo(signed, 0);
        HMACSHA256.HashData(_keys[_activeKeyId], payload, signed.AsSpan(payload.Length));
        return Base32.Encode(signed);
    }

    /// <summary>Checks a token and says exactly what is wrong with it, if anything.</summary>
    public TokenVerificationResult Verify(string? token)
    {
        // Control characters are refused rather than trimmed: a link that arrives with them was not one we sent.
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024 || token.Any(char.IsControl) || !Base32.TryDecode(token.Trim(), out var bytes))
        {
            return Malformed();
        }

        if (!TryUnpack(bytes, out var keyId, out var content, out var payloadLength))
        {
            return Malformed();
        }

        if (!_keys.TryGetValue(keyId, out var key))
        {
            return new TokenVerificationResult(TokenVerificationStatus.UnknownKey, null, "This link was signed with a key that is no longer in use. Please use the link in the most recent email.");
        }

        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, bytes.AsSpan(0, payloadLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payloadLength)))
        {
            return new TokenVerificationResult(TokenVerificationStatus.BadSignature, null, "This link has been altered or was not issued by us, so it cannot be used.");
        }

        if (_time.GetUtcNow() >= content.ExpiresAt)
        {
            return new TokenVerificationResult(TokenVerificationStatus.Expired, content, "This link has expired. Please contact the LSP lead if you still need to answer.");
        }

        return new TokenVerificationResult(TokenVerificationStatus.Valid, content, "The link is valid.");
    }

    private static TokenVerificationResult Malformed() =>
        new(TokenVerificationStatus.Malformed, null, "This link is incomplete or damaged. Please copy the whole link from the email, or click it there.");

    private static byte[] Pack(string keyId, AnswerToken token)
    {
        var buffer = new List<byte>(128) { Version };
        AddString(buffer, keyId, "key id");
        AddString(buffer, token.NegotiationId, nameof(token.NegotiationId));
        AddString(buffer, token.PartnerId, nameof(token.PartnerId));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(number, token.Round);
        buffer.AddRange(number[..4]);
        BinaryPrimitives.WriteInt64BigEndian(number, token.ExpiresAt.ToUnixTimeSeconds());
        buffer.AddRange(number);
        return [.. buffer];
    }

    private static void AddString(List<byte> buffer, string value, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(value ?? string.Empty);
        if (bytes.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"The token's {name} must be 1 to 255 UTF-8 bytes.", name);
        }

        buffer.Add((byte)bytes.Length);
        buffer.AddRange(bytes);
    }

    private static bool TryUnpack(byte[] bytes, out string keyId, out AnswerToken content, out int payloadLength)
    {
        keyId = string.Empty;
        content = null!;
        payloadLength = bytes.Length - MacLength;
        if (payloadLength < 1 || bytes[0] != Version)
        {
            return false;
        }

        var position = 1;
        if (!TryReadString(bytes, payloadLength, ref position, out keyId)
            || !TryReadString(bytes, payloadLength, ref position, out var negotiationId)
            || !TryReadString(bytes, payloadLength, ref position, out var partnerId)
            || position + 12 != payloadLength)
        {
            return false;
        }

        var round = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position, 4));
        var expiry = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(position + 4, 8));
        if (round < 0 || expiry < 0 || expiry > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        content = new AnswerToken(negotiationId, partnerId, round, DateTimeOffset.FromUnixTimeSeconds(expiry));
        return true;
    }

    private static bool TryReadString(byte[] bytes, int end, ref int position, out string value)
    {
        value = string.Empty;
        if (position >= end)
        {
            return false;
        }

        var length = bytes[position];
        if (length == 0 || position + 1 + length > end)
        {
            return false;
        }

        try
        {
            value = new UTF8Encoding(false, true).GetString(bytes, position + 1, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        position += 1 + length;
        return true;
    }
}
