using System.Buffers.Binary;
using System.Text;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Tests.Support;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email.Tests.Answers;

public sealed class AnswerTokenServiceTests
{
    private static readonly AnswerToken Sample = new(Samples.NegotiationId, Samples.PartnerId, 2, Samples.ResponseDeadline.AddDays(30));
    private readonly SteppingTimeProvider _time = new(Samples.Now);

    [Fact]
    public void Verify_IssuedToken_IsValidWithSameContent()
    {
        var service = Service();

        var result = service.Verify(service.Issue(Sample));

        Assert.Equal(TokenVerificationStatus.Valid, result.Status);
        Assert.Equal(Sample, result.Token);
    }

    [Fact]
    public void CreateDecisionPage_Link_CarriesATokenForTheGovernmentOfficeAndTheSubmission()
    {
        var service = Service();
        var options = Options.Create(new EmailOptions { PublicBaseUrl = new Uri("https://laa.example.org/") });
        var links = new AnswerLinkFactory(service, options);

        var page = links.CreateDecisionPage(Samples.NegotiationId, 2, Samples.ResponseDeadline.AddDays(30));

        Assert.Equal($"/api/negotiations/{Samples.NegotiationId}/government-office/decision", page.AbsolutePath);
        var token = page.Query["?token=".Length..];
        Assert.Equal(new AnswerToken(Samples.NegotiationId, AnswerLinkFactory.GovernmentOfficeParty, 2, Samples.ResponseDeadline.AddDays(30)), service.Verify(token).Token);
    }

    [Fact]
    public void Issue_Token_IsLowerCaseUrlAndMailSafe()
    {
        var token = Service().Issue(Sample);

        Assert.All(token, c => Assert.True(c is >= 'a' and <= 'z' or >= '2' and <= '7', $"unexpected '{c}'"));
    }

    [Fact]
    public void Verify_UpperCasedByMailSystem_IsStillValid()
    {
        var service = Service();

        Assert.True(service.Verify(service.Issue(Sample).ToUpperInvariant()).IsValid);
    }

    [Theory]
    [InlineData("negotiation")]
    [InlineData("partner")]
    [InlineData("round")]
    [InlineData("expiry")]
    [InlineData("signature")]
    public void Verify_FieldTampered_IsBadSignature(string field)
    {
        var service = Service();
        var bytes = Decode(service.Issue(Sample));
        var layout = Layout(bytes);

        switch (field)
        {
            case "negotiation":
                bytes[layout.Negotiation] ^= 0x01;
                break;
            case "partner":
                bytes[layout.Partner] ^= 0x01;
                break;
            case "round":
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(layout.Round), 3);
                break;
            case "expiry":
                BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(layout.Round + 4), Sample.ExpiresAt.AddYears(5).ToUnixTimeSeconds());
                break;
            default:
                bytes[^1] ^= 0x80;
                break;
        }

        var result = service.Verify(Base32.Encode(bytes));

        Assert.Equal(TokenVerificationStatus.BadSignature, result.Status);
        Assert.Null(result.Token);
    }

    [Fact]
    public void Verify_KeyIdSwappedToAnotherKnownKey_IsBadSignature()
    {
        var service = Service(activeKey: "k2");
        var bytes = Decode(service.Issue(Sample));
        bytes[Layout(bytes).KeyId + 2] = (byte)'1'; // "k2" becomes "k1"

        Assert.Equal(TokenVerificationStatus.BadSignature, service.Verify(Base32.Encode(bytes)).Status);
    }

    [Fact]
    public void Verify_KeyIdUnknown_IsUnknownKey()
    {
        var service = Service();
        var bytes = Decode(service.Issue(Sample));
        bytes[Layout(bytes).KeyId + 1] = (byte)'9';

        Assert.Equal(TokenVerificationStatus.UnknownKey, service.Verify(Base32.Encode(bytes)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("aaaa")]
    [InlineData("01890")]
    public void Verify_Garbage_IsMalformed(string token) =>
        Assert.Equal(TokenVerificationStatus.Malformed, Service().Verify(token).Status);

    [Fact]
    public void Verify_Truncated_IsMalformedOrBadSignature()
    {
        var service = Service();
        var token = service.Issue(Sample);

        var result = service.Verify(token[..^8]);

        Assert.False(result.IsValid);
        Assert.Contains(result.Status, new[] { TokenVerificationStatus.Malformed, TokenVerificationStatus.BadSignature });
    }

    [Fact]
    public void Verify_PastExpiry_IsExpiredAndSaysWhose()
    {
        var service = Service();
        var token = service.Issue(Sample);
        _time.Advance(Sample.ExpiresAt - Samples.Now);

        var result = service.Verify(token);

        Assert.Equal(TokenVerificationStatus.Expired, result.Status);
        Assert.Equal(Samples.NegotiationId, result.Token!.NegotiationId);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterRotation_OldKeyStillVerifiesAndNewKeySigns()
    {
        var oldToken = Service(activeKey: "k1").Issue(Sample);
        var rotated = Service(activeKey: "k2");

        var newToken = rotated.Issue(Sample);

        Assert.True(rotated.Verify(oldToken).IsValid);
        Assert.True(rotated.Verify(newToken).IsValid);
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal("k2", Encoding.UTF8.GetString(Decode(newToken), Layout(Decode(newToken)).KeyId + 1, 2));
    }

    [Fact]
    public void Verify_OldKeyRemoved_IsUnknownKey()
    {
        var oldToken = Service(activeKey: "k1").Issue(Sample);
        var options = Samples.Options("k2");
        options.Tokens.Keys.Remove("k1");

        var result = new AnswerTokenService(Options.Create(options), _time).Verify(oldToken);

        Assert.Equal(TokenVerificationStatus.UnknownKey, result.Status);
    }

    [Fact]
    public void Constructor_ActiveKeyMissing_NamesTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Service(activeKey: "nope"));

        Assert.Contains("Email:Tokens:ActiveKeyId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortKey_IsRefused()
    {
        var options = Samples.Options();
        options.Tokens.Keys["k2"] = Convert.ToBase64String(new byte[16]);

        var error = Assert.Throws<OptionsValidationException>(() => new AnswerTokenService(Options.Create(options), _time));

        Assert.Contains("at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Decode(string token)
    {
        Assert.True(Base32.TryDecode(token, out var bytes));
        return bytes;
    }

    /// <summary>Offsets of the fields, walking the documented layout.</summary>
    private static (int KeyId, int Negotiation, int Partner, int Round) Layout(byte[] bytes)
    {
        var keyId = 1;
        var negotiation = keyId + 1 + bytes[keyId];
        var partner = negotiation + 1 + bytes[negotiation];
        var round = partner + 1 + bytes[partner];
        return (keyId, negotiation + 1, partner + 1, round);
    }

    private AnswerTokenService Service(string activeKey = "k2") => new(Options.Create(Samples.Options(activeKey)), _time);
}
