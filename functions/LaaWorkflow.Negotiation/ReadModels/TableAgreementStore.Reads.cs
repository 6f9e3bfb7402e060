using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>The reads: one agreement by one single-partition query, and the list by pages.</summary>
internal sealed partial class TableAgreementStore
{
    public async Task<AgreementRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        TableEntity? agreement = null;
        var partners = new List<PartnerRecord>();
        var targets = new List<(string Row, Target Target)>();
        var timeline = new List<(TimelineEntry Entry, DateTimeOffset? StoredAt)>();
        await foreach (var row in _details.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == AgreementRow)
            {
                agreement = row;
            }
            else if (row.RowKey.StartsWith(PartnerPrefix, StringComparison.Ordinal))
            {
                partners.Add(ReadPartner(row));
            }
            else if (row.RowKey.StartsWith(TargetPrefix, StringComparison.Ordinal))
            {
                targets.Add((row.RowKey, ReadModelJson.Read<Target>(row.GetString("Json")!)));
            }
            else if (row.RowKey.StartsWith(TimelinePrefix, StringComparison.Ordinal))
            {
                timeline.Add((new TimelineEntry(
                    row.GetDateTime("At")!.Value, row.GetString("Key")!, row.GetString("Kind")!,
                    Enum.Parse<AnswerSource>(row.GetString("Source")!), row.GetString("Text")!, row.GetString("PartnerId")), row.Timestamp));
            }
        }

        if (agreement is null)
        {
            return null;
        }

        var summary = ReadSummary(agreement);
        var ordered = targets.OrderBy(t => t.Row, StringComparer.Ordinal).Select(t => t.Target).ToList();
        var partnerOrder = summary.Definition.Partners.Select(p => p.Id).ToList();
        return new AgreementRecord(
            summary with { Definition = summary.Definition with { Targets = ordered } },
            [.. partners.OrderBy(p => partnerOrder.IndexOf(p.State.PartnerId))],
            ordered,
            // Entries of one business instant in the order they were stored, which is the order of cause and effect
            // (an orchestration records the approval before the signing-off it leads to); the key only breaks ties.
            [.. timeline.OrderBy(t => t.Entry.At).ThenBy(t => t.StoredAt).ThenBy(t => t.Entry.Key, StringComparer.Ordinal).Select(t => t.Entry)]);
    }

    public async Task<AgreementSummaryRecord?> GetSummaryAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var row = await _details.GetEntityIfExistsAsync<TableEntity>(id, AgreementRow, cancellationToken: cancellationToken);
        return row.HasValue ? ReadSummary(row.Value!) : null;
    }

    public async Task<PartnerRecord?> GetPartnerAsync(string id, string partnerId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var row = await _details.GetEntityIfExistsAsync<TableEntity>(id, PartnerPrefix + partnerId, cancellationToken: cancellationToken);
        return row.HasValue ? ReadPartner(row.Value!) : null;
    }

    public async Task<AgreementSummaryPage> ListAsync(NegotiationPhase? phase, string? area, int top, string? continuationToken, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition}");
        if (phase is { } p)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Phase eq {p.ToString()}");
        }

        if (!string.IsNullOrWhiteSpace(area))
        {
            filter += " and " + TableClient.CreateQueryFilter($"Area eq {area.Trim()}");
        }

        var items = new List<AgreementListRecord>();
        string? next = null;
        // Filtered pages may come back short or empty with a continuation; keep reading until the page is full.
        await foreach (var page in _list.QueryAsync<TableEntity>(filter, maxPerPage: top, cancellationToken: cancellationToken).AsPages(continuationToken, top))
        {
            items.AddRange(page.Values.Select(ReadListRow));
            next = page.ContinuationToken;
            if (items.Count >= top || next is null)
            {
                break;
            }
        }

        return new AgreementSummaryPage(items, next);
    }

    private static AgreementListRecord ReadListRow(TableEntity row) => new(
        row.GetString("Id")!,
        row.GetString("Area")!,
        row.GetString("GovernmentOffice")!,
        Enum.Parse<NegotiationPhase>(row.GetString("Phase")!),
        row.GetDateTime("CreatedAt")!.Value,
        Date(row.GetDateTime("NextDeadline")),
        row.GetInt32("Endorsed") ?? 0,
        row.GetInt32("Partners") ?? 0);

    /// <summary>The definition with the sign-off deadline an extension moved it to, if any.</summary>
    private static Agreement WithSignOff(Agreement definition, DateTime? extended) =>
        extended is { } signOff
            ? definition with { Timetable = definition.Timetable with { SignOffDeadline = DateTime.SpecifyKind(signOff, DateTimeKind.Utc) } }
            : definition;

    private static AgreementSummaryRecord ReadSummary(TableEntity row) => new(
        row.PartitionKey,
        row.GetDateTime("CreatedAt")!.Value,
        WithSignOff(ReadModelJson.Read<Agreement>(row.GetString("Definition")!), row.GetDateTime("SignOffDeadline")),
        Enum.Parse<NegotiationPhase>(row.GetString("Phase")!),
        row.GetInt32("Round") ?? 0,
        Date(row.GetDateTime("NextDeadline")),
        row.GetInt32("Endorsed") ?? 0,
        row.GetString("Outcome") is { Length: > 0 } outcome ? ReadModelJson.Read<AgreementOutcome>(outcome) : null,
        row.GetString("DocumentUrl") is { Length: > 0 } url ? new Uri(url) : null,
        RefreshIds(row.GetString("Refreshes")));

    private static PartnerRecord ReadPartner(TableEntity row) => new(
        new PartnerState(
            row.RowKey[PartnerPrefix.Length..],
            Enum.TryParse<PartnerStatus>(row.GetString("Status"), out var status) ? status : PartnerStatus.Pending,
            row.GetInt32("Round") ?? 0,
            Date(row.GetDateTime("Deadline")),
            Date(row.GetDateTime("AnsweredAt")),
            row.GetString("Comment") is { Length: > 0 } comment ? comment : null,
            row.GetInt32("EscalationLevel") ?? 0,
            Enum.TryParse<AnswerSource>(row.GetString("Source"), out var source) ? source : null),
        row.GetBoolean("DeliveryProblem") ?? false,
        row.GetString("DeliveryProblemDetail"));

    private static DateTime? Date(DateTime? stored) => stored is { } d && d > s_noDeadline ? d : null;
}
