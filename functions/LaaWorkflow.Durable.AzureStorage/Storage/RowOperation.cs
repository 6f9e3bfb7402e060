namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>The kinds of write one entity-group transaction may hold.</summary>
internal enum RowOperationKind
{
    /// <summary>Fails if the row exists.</summary>
    Insert,

    /// <summary>Replaces the row if its ETag still matches <see cref="StoredRow.ETag"/>.</summary>
    ReplaceIfMatch,

    /// <summary>Inserts or replaces, unconditionally.</summary>
    Upsert,

    /// <summary>Deletes the row whatever its ETag.</summary>
    Delete,
}

/// <summary>One write in an entity-group transaction.</summary>
internal readonly record struct RowOperation(RowOperationKind Kind, StoredRow Row);
