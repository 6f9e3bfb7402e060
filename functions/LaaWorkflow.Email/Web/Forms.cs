using Microsoft.AspNetCore.Http;

namespace LaaWorkflow.Email.Web;

/// <summary>Reads the forms people post from the pages behind our email links.</summary>
public static class Forms
{
    /// <summary>
    /// The posted form, or null when it cannot be read: a broken multipart body, a missing boundary or more fields
    /// than the form limits allow are the sender's fault, answered with the page again rather than a server error.
    /// </summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is IOException and not BadHttpRequestException))
        {
            return null;
        }
    }
}
