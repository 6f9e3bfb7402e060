using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.AzureStorage.Core;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Core;

/// <summary>The strings-to-sign of the Azure Storage "Authorize with Shared Key" reference, character for character.</summary>
public sealed class SharedKeySignerTests
{
    [Fact]
    public void TableLiteStringToSign_DocumentedTablesExample_MatchesReference()
    {
        // Reference: Shared Key Lite for the Table service, "Sun, 11 Oct 2009 19:52:39 GMT\n/testaccount1/Tables".
        var text = SharedKeySigner.TableLiteStringToSign("testaccount1", "Sun, 11 Oct 2009 19:52:39 GMT", "/Tables", null);
        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/testaccount1/Tables", text);
    }

    [Fact]
    public void TableLiteStringToSign_CompParameter_KeepsOnlyComp()
    {
        // Reference: only the comp parameter belongs to the Table service's canonicalized resource.
        var text = SharedKeySigner.TableLiteStringToSign("myaccount", "Sun, 11 Oct 2009 19:52:39 GMT", "/mytable", "?comp=acl&timeout=30");
        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/myaccount/mytable?comp=acl", text);
    }

    [Fact]
    public void TableLiteStringToSign_EmulatorPathStyle_NamesAccountTwice()
    {
        var text = SharedKeySigner.TableLiteStringToSign("devstoreaccount1", "Sun, 11 Oct 2009 19:52:39 GMT", "/devstoreaccount1/Tables", null);
        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/devstoreaccount1/devstoreaccount1/Tables", text);
    }

    [Fact]
    public void StringToSign_DocumentedContainerMetadataExample_CanonicalizesQuery()
    {
        // Reference: GET .../mycontainer?restype=container&comp=metadata -> "/myaccount/mycontainer\ncomp:metadata\nrestype:container".
        var text = SharedKeySigner.StringToSign("myaccount", "GET", [], "/mycontainer", "?restype=container&comp=metadata");
        Assert.EndsWith("\n/myaccount/mycontainer\ncomp:metadata\nrestype:container", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StringToSign_DocumentedRepeatedParameterExample_JoinsSortedValues()
    {
        // Reference: ?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs
        // -> "/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container".
        var text = SharedKeySigner.StringToSign("myaccount", "GET", [], "/mycontainer", "?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs");
        Assert.EndsWith("\n/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StringToSign_DocumentedPutBlobExample_MatchesReference()
    {
        // Reference layout: VERB, Content-Encoding, Content-Language, Content-Length, Content-MD5, Content-Type, Date,
        // If-Modified-Since, If-Match, If-None-Match, If-Unmodified-Since, Range, then x-ms- headers sorted, then the resource.
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-ms-version", "2015-02-21"),
            new("x-ms-date", "Fri, 26 Jun 2015 23:39:12 GMT"),
            new("Content-Type", "text/plain; charset=UTF-8"),
            new("Content-Length", "11"),
            new("x-ms-blob-type", "BlockBlob"),
            new("X-MS-Meta-M2", "v2"),
            new("x-ms-meta-m1", " v1 "),
        };
        var text = SharedKeySigner.StringToSign("myaccount", "PUT", headers, "/mycontainer/hello.txt", null);
        var expected =
            "PUT\n\n\n11\n\ntext/plain; charset=UTF-8\n\n\n\n\n\n\n" +
            "x-ms-blob-type:BlockBlob\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-meta-m1:v1\nx-ms-meta-m2:v2\nx-ms-version:2015-02-21\n" +
            "/myaccount/mycontainer/hello.txt";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void StringToSign_ZeroContentLength_SignsEmpty()
    {
        var text = SharedKeySigner.StringToSign("a", "PUT", [new("Content-Length", "0")], "/q", null);
        Assert.StartsWith("PUT\n\n\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_KnownKey_IsHmacSha256OfUtf8Base64()
    {
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("secret-key"));
        var signer = new SharedKeySigner("acct", key);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret-key"), Encoding.UTF8.GetBytes("GET\n/acct/x")));
        Assert.Equal(expected, signer.Sign("GET\n/acct/x"));
    }
}
