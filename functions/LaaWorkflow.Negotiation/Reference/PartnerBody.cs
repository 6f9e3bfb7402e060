namespace LaaWorkflow.Negotiation.Reference;

/// <summary>A kind of partner authority under the duty to co-operate.</summary>
/// <param name="Category">local, health or national.</param>
/// <param name="Body">The body, for example <c>Chief officer of police</c>.</param>
/// <param name="StatutoryBasis">The section of the Local Government and Public Involvement in Health Act 2007.</param>
public sealed record PartnerBody(string Category, string Body, string StatutoryBasis);
