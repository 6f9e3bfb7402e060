using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>One hostile request and the refusal it must get.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path; <c>{id}</c> is replaced by the seeded negotiation's id.</param>
/// <param name="Body">The body bytes, or null for none.</param>
/// <param name="ContentType">The declared content type.</param>
/// <param name="Status">The refusal expected.</param>
/// <param name="Names">What the problem must name.</param>
/// <param name="Chunked">Send the body without a declared length, so only a limit enforced while reading can stop it.</param>
internal sealed record HostileRequest(string Method, string Path, byte[]? Body, string ContentType, HttpStatusCode Status, string[] Names, bool Chunked = false)
{
    public static HostileRequest Json(string method, string path, string body, HttpStatusCode status, params string[] names) =>
        new(method, path, Encoding.UTF8.GetBytes(body), "application/json", status, names);

    public HttpRequestMessage ToMessage(IReadOnlyDictionary<string, string> seeded)
    {
        var path = Path;
        foreach (var (key, value) in seeded)
        {
            path = path.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(path, UriKind.Relative));
        if (Body is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new UnknownLengthStream(Body)) : new ByteArrayContent(Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            message.Content = content;
        }
        return message;
    }

    /// <summary>A stream that will not tell its length, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
