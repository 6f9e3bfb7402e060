namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>What one operation of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (honouring the action's ETag).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (honouring the action's ETag).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (honouring the action's ETag).</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
