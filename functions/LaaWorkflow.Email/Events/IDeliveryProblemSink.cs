namespace LaaWorkflow.Email.Events;

/// <summary>Told when an email to a partner contact bounced or was dropped: implemented by the negotiation.</summary>
/// <remarks>
/// The implementation flags the partner and tells the LSP lead (see <see cref="EmailKind.DeliveryProblemNotice"/>),
/// because a partner who never got the invitation cannot be escalated fairly. Calls are deduplicated on the
/// provider's event id, but a crash can still repeat one, so the implementation must be idempotent.
/// </remarks>
public interface IDeliveryProblemSink
{
    /// <summary>Reports that mail to <paramref name="email"/> for the partner failed for <paramref name="reason"/>.</summary>
    Task ReportAsync(string negotiationId, string partnerId, string email, string reason, CancellationToken cancellationToken);
}
