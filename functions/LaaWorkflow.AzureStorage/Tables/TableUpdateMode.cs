namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>How an update treats properties the stored entity has but the sent one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the sent properties change.</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the sent one.</summary>
    Replace,
}
