namespace LaaWorkflow.Negotiation;

/// <summary>Where the negotiation read models and documents are kept (configuration section <c>Negotiation</c>).</summary>
public sealed class NegotiationStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Negotiation";

    /// <summary>Prefixes the read-model table names (<c>{prefix}Agreements</c>, <c>{prefix}AgreementDetails</c>); letters and digits only.</summary>
    public string TablePrefix { get; set; } = "Laa";

    /// <summary>The blob container holding the signed-off agreement documents.</summary>
    public string DocumentContainer { get; set; } = "agreements";
}
