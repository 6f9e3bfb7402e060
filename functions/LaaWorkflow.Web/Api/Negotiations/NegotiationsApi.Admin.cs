using System.Text.Json.Serialization;
using LaaWorkflow.Negotiation.Service;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>The admin interventions the dashboard offers on one negotiation.</summary>
internal static partial class NegotiationsApi
{
    private static void MapAdminActions(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/partners/{partnerId}/resend-invitation", ResendAsync).WithName("ResendInvitation");
        group.MapPost("/{id}/partners/{partnerId}/remind", RemindAsync).WithName("RemindNow");
        group.MapPost("/{id}/partners/{partnerId}/answer", RecordOnBehalfAsync).WithName("RecordAnswerOnBehalf");
        group.MapPost("/{id}/extend-deadline", ExtendAsync).WithName("ExtendDeadline");
        group.MapPost("/{id}/withdraw", WithdrawAsync).WithName("Withdraw");
        group.MapPost("/{id}/sign-off-deadline", ExtendSignOffAsync).WithName("ExtendSignOffDeadline");
    }

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ResendAsync(
        string id, string partnerId, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.ResendInvitationAsync(id, partnerId, cancellationToken));

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RemindAsync(
        string id, string partnerId, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.RemindNowAsync(id, partnerId, cancellationToken));

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RecordOnBehalfAsync(
        string id, string partnerId, OnBehalfAnswer? answer, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.RecordOnBehalfAsync(id, partnerId, answer?.Decision, answer?.Comment, answer?.Reason, answer?.Admin, cancellationToken));

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        string id, DeadlineExtension? extension, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken)
    {
        if (extension?.To is not { } to)
        {
            return ToResult(NegotiationResult.Invalid("to", "Required: the new deadline, an ISO 8601 time."));
        }
        return ToResult(await negotiations.ExtendDeadlineAsync(id, string.IsNullOrWhiteSpace(extension.PartnerId) ? null : extension.PartnerId, to, cancellationToken));
    }

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ExtendSignOffAsync(
        string id, SignOffExtension? extension, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.ExtendSignOffAsync(
            id, extension?.SignOffDeadline?.UtcDateTime, extension?.Reason, extension?.AgreedBy, extension?.By, cancellationToken));

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        string id, Withdrawal? withdrawal, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.WithdrawAsync(id, withdrawal?.Reason, withdrawal?.By, cancellationToken));
}

/// <summary>An answer an admin records for a partner (given by phone or letter); the reason and admin are audited.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OnBehalfAnswer(string? Decision, string? Comment, string? Reason, string? Admin);

/// <summary>A new deadline for one partner, or for every outstanding partner when <c>partnerId</c> is empty.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record DeadlineExtension(DateTimeOffset? To, string? PartnerId);

/// <summary>A later sign-off deadline, why, who agreed it for the Government Office, and the admin who records it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SignOffExtension(DateTimeOffset? SignOffDeadline, string? Reason, string? AgreedBy, string? By);

/// <summary>Why a negotiation is withdrawn, and by whom.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record Withdrawal(string? Reason, string? By);
