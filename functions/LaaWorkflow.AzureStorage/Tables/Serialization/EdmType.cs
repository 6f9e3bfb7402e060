namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>The OData type annotations the Table service uses for values JSON cannot type by itself.</summary>
internal static class EdmType
{
    public const string Int64 = "Edm.Int64";
    public const string Int32 = "Edm.Int32";
    public const string Double = "Edm.Double";
    public const string Boolean = "Edm.Boolean";
    public const string String = "Edm.String";
    public const string DateTime = "Edm.DateTime";
    public const string Guid = "Edm.Guid";
    public const string Binary = "Edm.Binary";

    /// <summary>The suffix of an annotation property: <c>Name@odata.type</c>.</summary>
    public const string AnnotationSuffix = "@odata.type";
}
