namespace LaaWorkflow.Email.Transports.Outbox;

/// <summary>Reads what the outbox transport stored, for <c>/api/dev/outbox</c> and the admin mailbox page.</summary>
public interface IOutboxReader
{
    /// <summary>The newest messages first, optionally only those to <paramref name="to"/> (compared ignoring case).</summary>
    Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, CancellationToken cancellationToken);

    /// <summary>As <see cref="ReadAsync(string?, int, CancellationToken)"/>, only messages stored at or after <paramref name="since"/> (when given).</summary>
    Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="top"/> messages matching every condition <paramref name="query"/> sets.</summary>
    Task<IReadOnlyList<OutboxMessage>> QueryAsync(OutboxQuery query, int top, CancellationToken cancellationToken);
}

/// <summary>Which outbox messages to read; a condition left null does not narrow the result.</summary>
/// <remarks>
/// The mailbox page filters on the server: a negotiation's few messages can be older than the newest thousand of a
/// busy rehearsal, so filtering what one page brought back would miss them.
/// </remarks>
public sealed record OutboxQuery
{
    /// <summary>The recipient address, compared ignoring case.</summary>
    public string? To { get; init; }

    /// <summary>Only messages stored (real time) at or after this instant: what a follower of the outbox reads from.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only the messages of this negotiation.</summary>
    public string? NegotiationId { get; init; }

    /// <summary>Only messages of this <see cref="EmailKind"/> name.</summary>
    public string? Category { get; init; }

    /// <summary>Only messages sent at or after this instant (on the negotiation's calendar for a rehearsal).</summary>
    public DateTimeOffset? SentFrom { get; init; }

    /// <summary>Only messages sent before this instant (on the negotiation's calendar for a rehearsal).</summary>
    public DateTimeOffset? SentBefore { get; init; }
}

/// <summary>One stored message, in the shape <c>/api/dev/outbox</c> returns.</summary>
/// <param name="Id">The message key.</param>
/// <param name="To">The recipient address.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="SentAt">When it was sent: real time, or for a rehearsal the business instant it was sent at on the negotiation's calendar.</param>
/// <param name="Category">The <see cref="EmailKind"/> name.</param>
/// <param name="NegotiationId">The negotiation.</param>
/// <param name="PartnerId">The partner, when the message concerns one.</param>
/// <param name="ReplyTo">The reply-to address, when there is one.</param>
public sealed record OutboxMessage(string Id, string To, string Subject, string Text, string Html, DateTimeOffset SentAt, string Category, string NegotiationId, string? PartnerId, string? ReplyTo)
{
    /// <summary>
    /// When the outbox stored it, in real time: what <c>since</c> reads from. A rehearsal's <see cref="SentAt"/> is on
    /// its calendar, and a message can be stored a little after a later-dated one, so a follower reading by that date
    /// could miss it.
    /// </summary>
    public DateTimeOffset? StoredAt { get; init; }
}
