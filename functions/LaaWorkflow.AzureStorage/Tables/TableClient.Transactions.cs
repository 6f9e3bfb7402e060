using System.Text;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Tables.Serialization;

namespace LaaWorkflow.AzureStorage.Tables;

public partial class TableClient
{
    /// <summary>
    /// Applies up to 100 actions on one partition as one entity group transaction: all of them or none. A failure
    /// throws <see cref="TableTransactionFailedException"/> naming the index of the action that failed.
    /// </summary>
    /// <returns>One response per action, in order.</returns>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions as IReadOnlyList<TableTransactionAction> ?? [.. transactionActions];
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(transactionActions));
        }

        if (actions.Count > TableBatch.MaxActions)
        {
            throw new ArgumentException($"A transaction holds at most {TableBatch.MaxActions} actions; this one has {actions.Count}.", nameof(transactionActions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new Dictionary<string, int>(actions.Count, StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A transaction works on one partition; action {i} is for partition '{entity.PartitionKey}', action 0 for '{partition}'.",
                    nameof(transactionActions));
            }

            if (!rows.TryAdd(entity.RowKey ?? "", i))
            {
                throw new ArgumentException(
                    $"A transaction can touch each row once; actions {rows[entity.RowKey ?? ""]} and {i} both touch row '{entity.RowKey}'.",
                    nameof(transactionActions));
            }
        }

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        using var request = CreateRequest(RequestMethod.Post, "/$batch");
        request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        request.Content = RequestContent.Create(TableBatch.Build(batchBoundary, changesetBoundary, Uri.AbsoluteUri, actions));
        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            var (code, message) = StorageErrors.Parse(response);
            throw new TableTransactionFailedException(response.Status, $"The transaction on '{Name}' failed with {response.Status}, error code {code ?? "none"}: {message}", code, null);
        }

        var inner = TableBatch.Parse(Encoding.UTF8.GetString(response.Content.ToMemory().Span));
        foreach (var part in inner)
        {
            if (part.Status >= 400)
            {
                var (code, message, index) = TableBatch.ReadFailure(part);
                throw new TableTransactionFailedException(
                    part.Status,
                    $"The transaction on '{Name}' wrote nothing: action {index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"} failed with {part.Status}, error code {code ?? "none"}: {message}",
                    code,
                    index);
            }
        }

        var results = new List<Response>(inner.Count);
        foreach (var part in inner)
        {
            results.Add(new BatchItemResponse(part));
        }

        return Response.FromValue<IReadOnlyList<Response>>(results, response);
    }
}
