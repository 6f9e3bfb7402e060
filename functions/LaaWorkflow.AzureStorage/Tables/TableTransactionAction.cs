using Azure;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>One operation of an entity group transaction.</summary>
public sealed class TableTransactionAction
{
    /// <summary>Creates the action; <paramref name="etag"/> defaults to any version (<c>*</c>) for updates and deletes.</summary>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    public TableTransactionActionType ActionType { get; }

    public ITableEntity Entity { get; }

    public ETag ETag { get; }
}
