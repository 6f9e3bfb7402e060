using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Email.Answers;

namespace LaaWorkflow.Email.Storage;

/// <summary>The answer ledger in Table storage: partition per negotiation, row per partner and round.</summary>
/// <remarks>Rows are only ever inserted (never updated), so the first answer stands; see <see cref="AnswerRecorder"/> for the order of writes.</remarks>
internal sealed class TableAnswerLedger : IAnswerLedger
{
    private readonly LazyTable _table;

    public TableAnswerLedger(LazyTable table) => _table = table;

    public async Task<AnswerSubmission> InsertOrGetAsync(AnswerSubmission submission, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            try
            {
                await table.AddEntityAsync(ToRow(submission), cancellationToken);
                return submission;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var stored = await GetAsync(submission.NegotiationId, submission.PartnerId, submission.Round, cancellationToken);
                return stored ?? throw new AnswerLedgerUnavailableException("The answer ledger reported an answer it then could not read.");
            }
        }
        catch (RequestFailedException ex)
        {
            throw new AnswerLedgerUnavailableException($"The answer ledger could not be written: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }

    public async Task<AnswerSubmission?> GetAsync(string negotiationId, string partnerId, int round, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var found = await table.GetEntityIfExistsAsync<TableEntity>(TableNames.Escape(negotiationId), RowKey(partnerId, round), cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value : null;
            return row is null
                ? null
                : new AnswerSubmission(
                    row.GetString("NegotiationId") ?? negotiationId,
                    row.GetString("PartnerId") ?? partnerId,
                    row.GetInt32("Round") ?? round,
                    Enum.Parse<AnswerDecision>(row.GetString("Decision") ?? nameof(AnswerDecision.Endorse)),
                    row.GetString("Comment"),
                    Enum.Parse<AnswerSource>(row.GetString("Source") ?? nameof(AnswerSource.EmailLink)),
                    row.GetDateTimeOffset("ReceivedAt") ?? default);
        }
        catch (RequestFailedException ex)
        {
            throw new AnswerLedgerUnavailableException($"The answer ledger could not be read: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }

    private static string RowKey(string partnerId, int round) =>
        $"{TableNames.Escape(partnerId)}~{round.ToString("D6", CultureInfo.InvariantCulture)}";

    private static TableEntity ToRow(AnswerSubmission answer)
    {
        var row = new TableEntity(TableNames.Escape(answer.NegotiationId), RowKey(answer.PartnerId, answer.Round))
        {
            ["NegotiationId"] = answer.NegotiationId,
            ["PartnerId"] = answer.PartnerId,
            ["Round"] = answer.Round,
            ["Decision"] = answer.Decision.ToString(),
            ["Source"] = answer.Source.ToString(),
            ["ReceivedAt"] = answer.ReceivedAt,
        };
        if (answer.Comment is not null)
        {
            row["Comment"] = answer.Comment;
        }

        return row;
    }
}
