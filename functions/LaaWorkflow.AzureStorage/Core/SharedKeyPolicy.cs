using Azure.Core;
using Azure.Core.Pipeline;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>
/// Dates and signs every attempt (a retry needs a fresh date). Tables use Shared Key Lite, blobs and queues Shared Key.
/// </summary>
internal sealed class SharedKeyPolicy(SharedKeySigner signer, bool tableLite) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = SharedKeySigner.FormatDate(DateTimeOffset.UtcNow);
        request.Headers.SetValue("x-ms-date", date);
        string stringToSign;
        if (tableLite)
        {
            stringToSign = SharedKeySigner.TableLiteStringToSign(signer.AccountName, date, request.Uri.Path, request.Uri.Query);
            request.Headers.SetValue("Authorization", "SharedKeyLite " + signer.AccountName + ":" + signer.Sign(stringToSign));
            return;
        }

        var headers = new List<KeyValuePair<string, string>>(16);
        foreach (var header in request.Headers)
        {
            headers.Add(new(header.Name, header.Value));
        }

        if (request.Content is not null && request.Content.TryComputeLength(out var length))
        {
            headers.Add(new("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        stringToSign = SharedKeySigner.StringToSign(signer.AccountName, request.Method.Method, headers, request.Uri.Path, request.Uri.Query);
        request.Headers.SetValue("Authorization", "SharedKey " + signer.AccountName + ":" + signer.Sign(stringToSign));
    }
}
