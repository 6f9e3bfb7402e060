using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation;

/// <summary>
/// The signed-off agreement documents, as the app serves them. A finalised LAA is a published document, so its link
/// needs no key; only agreements that were signed off have one.
/// </summary>
public sealed class AgreementDocuments
{
    private readonly IAgreementDocumentStore _store;

    internal AgreementDocuments(IAgreementDocumentStore store) => _store = store;

    /// <summary>The app route that serves the document of <paramref name="negotiationId"/>.</summary>
    public static string RouteFor(string negotiationId) => $"api/negotiations/{Uri.EscapeDataString(negotiationId)}/document";

    /// <summary>The public link to the document of <paramref name="negotiationId"/>, under the app's public base URL.</summary>
    public static Uri LinkFor(Uri publicBaseUrl, string negotiationId)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return new Uri(publicBaseUrl, RouteFor(negotiationId));
    }

    /// <summary>The document's HTML, or null when the negotiation has none.</summary>
    public Task<string?> ReadAsync(string negotiationId, CancellationToken cancellationToken) =>
        _store.ReadAsync(negotiationId, cancellationToken);
}
