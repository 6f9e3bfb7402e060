namespace LaaWorkflow.Email.Tests.Transports;

public sealed class EmailMessageTests
{
    [Theory]
    [InlineData("p@police.example\r\nBcc: x@evil.example")]
    [InlineData("p@police.example\n")]
    [InlineData("p @police.example")]
    [InlineData("police.example")]
    [InlineData("p@")]
    public void EmailAddress_AddressWithBreaksOrMalformed_IsRejected(string address) =>
        Assert.Throws<ArgumentException>(() => new EmailAddress(address, "P"));

    [Fact]
    public void EmailAddress_NameWithControlCharacters_IsCleaned()
    {
        var address = new EmailAddress("p@police.example", "P. Contact\r\nBcc: x@evil.example\t\u0007");

        Assert.Equal("P. Contact Bcc: x@evil.example", address.Name);
    }

    [Fact]
    public void EmailMessage_SubjectWithBreaks_IsOneLine()
    {
        var message = new EmailMessage("k", EmailKind.LeadDigest, new EmailAddress("l@x.example"), "Digest\r\nX-Evil: 1", "t", "h", "neg");

        Assert.Equal("Digest X-Evil: 1", message.Subject);
    }
}
