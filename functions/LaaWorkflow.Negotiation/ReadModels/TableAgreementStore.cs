using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>
/// The read models in Table storage. <c>{prefix}Agreements</c> holds one row per agreement in one partition, keyed by
/// inverted creation time so a plain query lists newest first; <c>{prefix}AgreementDetails</c> holds one partition per
/// agreement: the <c>agreement</c> row, <c>partner-{id}</c> rows, <c>target-{nnn}</c> rows and
/// <c>timeline-{key}</c> rows, so one agreement is read with one single-partition query. A timeline row is keyed by
/// its entry's key alone, not its time: an orchestration episode lost with its host runs again at a later engine time
/// and appends the same entry with another time, and the first time stands.
/// </summary>
internal sealed partial class TableAgreementStore(TableServiceClient service, NegotiationStorageOptions options) : IAgreementStore
{
    private const string ListPartition = "list";
    private const string AgreementRow = "agreement";
    private const string PartnerPrefix = "partner-";
    private const string TargetPrefix = "target-";
    private const string TimelinePrefix = "timeline-";

    private readonly TableClient _list = service.GetTableClient(options.TablePrefix + "Agreements");
    private readonly TableClient _details = service.GetTableClient(options.TablePrefix + "AgreementDetails");
    private volatile bool _tablesExist;

    public async Task CreateAsync(string id, DateTime createdAt, Agreement agreement, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var listKey = ListRowKey(createdAt, id);
        var row = new TableEntity(id, AgreementRow)
        {
            // The targets have rows of their own, and a refresh's previous targets are the previous version's rows.
            ["Definition"] = ReadModelJson.Write(agreement with { Targets = [], Refresh = agreement.Refresh is { } r ? r with { PreviousTargets = [] } : null }),
            ["CreatedAt"] = createdAt,
            ["Phase"] = nameof(NegotiationPhase.Draft),
            ["Round"] = 0,
            ["Endorsed"] = 0,
            ["ListRowKey"] = listKey,
        };
        await _details.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        foreach (var partner in agreement.Partners)
        {
            await _details.UpsertEntityAsync(PartnerEntity(id, new PartnerState(partner.Id, PartnerStatus.Pending, 0, null)), TableUpdateMode.Merge, cancellationToken);
        }

        await WriteTargetsAsync(id, agreement.Targets, cancellationToken);
        await AppendAsync(id, new TimelineEntry(createdAt, "created", "created", AnswerSource.LspLead, agreement switch
        {
            { Refresh: { } refresh } => $"The {Refresh.Label(agreement)} started for {agreement.Area}: {Refresh.Describe(Refresh.Compare(refresh.PreviousTargets, agreement.Targets))}.",
            { MultiArea: { } maa } => $"Multi-area agreement negotiation started for {agreement.Area}: {maa.Authorities.Count} authorities ({string.Join(", ", maa.Authorities.Select(a => a.Name))}) and {agreement.Partners.Count - maa.Authorities.Count} partners, on {agreement.Targets.Count} targets; themes {string.Join(", ", maa.Themes)}.",
            _ => $"Negotiation started for {agreement.Area} with {agreement.Partners.Count} partners and {agreement.Targets.Count} targets.",
        }), cancellationToken);
        await _list.UpsertEntityAsync(new TableEntity(ListPartition, listKey)
        {
            ["Id"] = id,
            ["Area"] = agreement.Area,
            ["GovernmentOffice"] = agreement.GovernmentOffice,
            ["Phase"] = nameof(NegotiationPhase.Draft),
            ["CreatedAt"] = createdAt,
            ["Endorsed"] = 0,
            ["Partners"] = agreement.Partners.Count,
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ApplyAsync(ReadModelUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await EnsureTablesAsync(cancellationToken);
        if (update.Partner is { } partner)
        {
            await WritePartnerAsync(update.NegotiationId, partner, cancellationToken);
        }

        if (update.Targets is { } targets)
        {
            await WriteTargetsAsync(update.NegotiationId, targets, cancellationToken);
        }

        if (update.Entry is { } entry)
        {
            await AppendAsync(update.NegotiationId, entry, cancellationToken);
        }

        if (update.Agreement is { } patch)
        {
            await PatchAgreementAsync(update.NegotiationId, patch, cancellationToken);
        }
    }

    public async Task FlagDeliveryProblemAsync(string id, string partnerId, string email, string reason, DateTime at, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        await _details.UpsertEntityAsync(new TableEntity(id, PartnerPrefix + partnerId)
        {
            ["DeliveryProblem"] = true,
            ["DeliveryProblemDetail"] = $"{email}: {reason}",
        }, TableUpdateMode.Merge, cancellationToken);
        var key = "bounce:" + partnerId + ":" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email + "\n" + reason)))[..12];
        await AppendAsync(id, new TimelineEntry(at, key, "delivery-problem", AnswerSource.System,
            $"Email to {email} could not be delivered: {reason}", partnerId), cancellationToken);
    }

    public async Task AddRefreshAsync(string id, string refreshId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _details.GetEntityAsync<TableEntity>(id, AgreementRow, ["Refreshes"], cancellationToken);
            var ids = RefreshIds(current.Value.GetString("Refreshes"));
            if (ids.Contains(refreshId, StringComparer.Ordinal))
            {
                return;
            }

            try
            {
                // Conditional on the row's ETag: two refreshes recorded at once must not drop one another.
                await _details.UpdateEntityAsync(
                    new TableEntity(id, AgreementRow) { ["Refreshes"] = string.Join(' ', [.. ids, refreshId]) }, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException error) when (error.Status == 412 && attempt < 5)
            {
                // Written meanwhile (a phase change, another refresh): read it again.
            }
        }
    }

    private static List<string> RefreshIds(string? stored) => [.. (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private async Task PatchAgreementAsync(string id, AgreementPatch patch, CancellationToken cancellationToken)
    {
        var row = new TableEntity(id, AgreementRow);
        var listRow = new Dictionary<string, object>(StringComparer.Ordinal);
        if (patch.Phase is { } phase)
        {
            row["Phase"] = listRow["Phase"] = phase.ToString();
        }

        if (patch.Round is { } round)
        {
            row["Round"] = round;
        }

        if (patch.NextDeadline is { } deadline)
        {
            row["NextDeadline"] = listRow["NextDeadline"] = deadline;
        }
        else if (patch.ClearNextDeadline)
        {
            // Merge cannot remove a property; the minimum date stands for "none" and is read back as null.
            row["NextDeadline"] = listRow["NextDeadline"] = s_noDeadline;
        }

        if (patch.Endorsed is { } endorsed)
        {
            row["Endorsed"] = listRow["Endorsed"] = endorsed;
        }

        if (patch.Outcome is { } outcome)
        {
            row["Outcome"] = ReadModelJson.Write(outcome);
        }

        if (patch.SignOffDeadline is { } signOff)
        {
            // The definition is stored as it was started; a later sign-off deadline is kept beside it and read over it.
            row["SignOffDeadline"] = signOff;
        }

        if (patch.DocumentUrl is { } url)
        {
            row["DocumentUrl"] = url.AbsoluteUri;
        }

        await _details.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        if (listRow.Count > 0)
        {
            var current = await _details.GetEntityIfExistsAsync<TableEntity>(id, AgreementRow, ["ListRowKey"], cancellationToken);
            if (current.HasValue && current.Value!.GetString("ListRowKey") is { } listKey)
            {
                var entity = new TableEntity(ListPartition, listKey);
                foreach (var (key, value) in listRow)
                {
                    entity[key] = value;
                }

                await _list.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }

    private async Task WriteTargetsAsync(string id, IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            await _details.UpsertEntityAsync(new TableEntity(id, TargetRow(i)) { ["Json"] = ReadModelJson.Write(targets[i]) }, TableUpdateMode.Replace, cancellationToken);
        }

        // A revision may drop targets: remove the rows past the new end.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {TargetRow(targets.Count)} and RowKey lt {TargetPrefix + "~"}");
        await foreach (var stale in _details.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _details.DeleteEntityAsync(stale.PartitionKey, stale.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task AppendAsync(string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(id, TimelinePrefix + entry.Key)
        {
            ["At"] = entry.At,
            ["Key"] = entry.Key,
            ["Kind"] = entry.Kind,
            ["Source"] = entry.Source.ToString(),
            ["Text"] = entry.Text,
        };
        if (entry.PartnerId is not null)
        {
            entity["PartnerId"] = entry.PartnerId;
        }

        try
        {
            await _details.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already appended by an earlier delivery of the same update: the timeline is append-only.
        }
    }

    private async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        if (_tablesExist)
        {
            return;
        }

        await _list.CreateIfNotExistsAsync(cancellationToken);
        await _details.CreateIfNotExistsAsync(cancellationToken);
        _tablesExist = true;
    }

    /// <summary>
    /// Writes a partner's state unless the stored one is newer: activities run at least once, so a reminder's update
    /// run again after a lost host can arrive after the partner's answer, and must not turn an endorsement back into
    /// "reminded" (nor a round's state replace a later round's). Conditional on the row's ETag, for hosts side by side.
    /// </summary>
    private async Task WritePartnerAsync(string id, PartnerState state, CancellationToken cancellationToken)
    {
        var entity = PartnerEntity(id, state);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _details.GetEntityIfExistsAsync<TableEntity>(id, entity.RowKey, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue || current.Value is null)
                {
                    await _details.AddEntityAsync(entity, cancellationToken);
                }
                else if (!IsNewer(current.Value, state))
                {
                    await _details.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException error) when (error.Status is 409 or 412 && attempt < 5)
            {
                // Written meanwhile by another writer: look again.
            }
        }
    }

    private static bool IsNewer(TableEntity stored, PartnerState incoming)
    {
        var round = stored.GetInt32("Round") ?? 0;
        var answered = Enum.TryParse<PartnerStatus>(stored.GetString("Status"), out var status) && IsAnswer(status);
        return round > incoming.Round || (round == incoming.Round && answered && !IsAnswer(incoming.Status));
    }

    private static bool IsAnswer(PartnerStatus status) => status is PartnerStatus.Endorsed or PartnerStatus.Objected or PartnerStatus.ChangesRequested;

    private static TableEntity PartnerEntity(string id, PartnerState state)
    {
        var entity = new TableEntity(id, PartnerPrefix + state.PartnerId)
        {
            ["PartnerId"] = state.PartnerId,
            ["Status"] = state.Status.ToString(),
            ["Round"] = state.Round,
            ["EscalationLevel"] = state.EscalationLevel,
            ["Deadline"] = state.Deadline ?? s_noDeadline,
            ["AnsweredAt"] = state.AnsweredAt ?? s_noDeadline,
            ["Comment"] = state.Comment ?? "",
            ["Source"] = state.Source?.ToString() ?? "",
        };
        return entity;
    }

    private static string TargetRow(int index) => TargetPrefix + index.ToString("D3", CultureInfo.InvariantCulture);

    private static string ListRowKey(DateTime createdAt, string id) =>
        (DateTime.MaxValue.Ticks - createdAt.Ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;

    /// <summary>Stands for "no date" in merged rows (Table storage's earliest date).</summary>
    private static readonly DateTime s_noDeadline = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
