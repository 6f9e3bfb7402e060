namespace LaaWorkflow.Email.Answers;

/// <summary>What an answer token grants: one partner's answer in one consultation round of one negotiation, until it expires.</summary>
/// <param name="NegotiationId">The negotiation.</param>
/// <param name="PartnerId">The partner.</param>
/// <param name="Round">The consultation round the link was issued for.</param>
/// <param name="ExpiresAt">After this instant the token no longer verifies (kept to whole seconds).</param>
public sealed record AnswerToken(string NegotiationId, string PartnerId, int Round, DateTimeOffset ExpiresAt);

/// <summary>What is wrong with a token, if anything.</summary>
public enum TokenVerificationStatus
{
    /// <summary>The token is genuine and unexpired.</summary>
    Valid,

    /// <summary>The token is not in our format (truncated, altered characters, wrong version).</summary>
    Malformed,

    /// <summary>The token names a signing key we do not hold (retired, or never ours).</summary>
    UnknownKey,

    /// <summary>The signature does not match: the token was altered or forged.</summary>
    BadSignature,

    /// <summary>The token is genuine but past its expiry.</summary>
    Expired,
}

/// <summary>The outcome of verifying a token.</summary>
/// <param name="Status">Valid, or exactly what is wrong.</param>
/// <param name="Token">The token's content when <paramref name="Status"/> is Valid or Expired; null otherwise.</param>
/// <param name="Message">A sentence saying what is wrong, fit for the partner's page.</param>
public sealed record TokenVerificationResult(TokenVerificationStatus Status, AnswerToken? Token, string Message)
{
    /// <summary>Whether the token is genuine and unexpired.</summary>
    public bool IsValid => Status == TokenVerificationStatus.Valid;
}
