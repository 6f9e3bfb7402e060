using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>
/// The agreements' read models, laid out for the API's reads: one list row per agreement, newest first, and one
/// partition per agreement holding its row, partners, targets and append-only timeline.
/// </summary>
/// <remarks>Every write is idempotent: a repeated create or update leaves the same state, a repeated timeline entry is ignored.</remarks>
internal interface IAgreementStore
{
    /// <summary>Writes the rows of a new negotiation (phase Draft, partners pending, the targets, a first timeline entry).</summary>
    Task CreateAsync(string id, DateTime createdAt, Agreement agreement, CancellationToken cancellationToken);

    /// <summary>Applies one update computed by an orchestration.</summary>
    Task ApplyAsync(ReadModelUpdate update, CancellationToken cancellationToken);

    /// <summary>The whole agreement, or null when there is none with that id.</summary>
    Task<AgreementRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The agreement row alone.</summary>
    Task<AgreementSummaryRecord?> GetSummaryAsync(string id, CancellationToken cancellationToken);

    /// <summary>One partner's row.</summary>
    Task<PartnerRecord?> GetPartnerAsync(string id, string partnerId, CancellationToken cancellationToken);

    /// <summary>A page of agreements, newest first, optionally only those in one phase or area.</summary>
    Task<AgreementSummaryPage> ListAsync(NegotiationPhase? phase, string? area, int top, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="refreshId"/> is a later version of <paramref name="id"/> (once, however often it is called).</summary>
    Task AddRefreshAsync(string id, string refreshId, CancellationToken cancellationToken);

    /// <summary>Flags a partner whose contact's email bounced, and records it on the timeline.</summary>
    Task FlagDeliveryProblemAsync(string id, string partnerId, string email, string reason, DateTime at, CancellationToken cancellationToken);
}

/// <summary>Where signed-off agreement documents are kept.</summary>
internal interface IAgreementDocumentStore
{
    /// <summary>Stores (or overwrites with the same content) the document of one agreement and returns its public link.</summary>
    Task<Uri> SaveAsync(string negotiationId, string html, CancellationToken cancellationToken);

    /// <summary>The stored document of one agreement, or null when it has none (not signed off).</summary>
    Task<string?> ReadAsync(string negotiationId, CancellationToken cancellationToken);
}
