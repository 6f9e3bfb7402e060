using System.Text.Json.Serialization;
using System.Xml;
using LaaWorkflow.Durable.Time;
using LaaWorkflow.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LaaWorkflow.Functions.Api.Dev;

internal static partial class DevApi
{
    private static void MapClock(RouteGroupBuilder group)
    {
        group.MapGet("/clock", ReadClock).WithName("DevClock");
        group.MapPost("/clock/advance", AdvanceClockAsync).WithName("DevClockAdvance");
    }

    private static Ok<ClockState> ReadClock([FromServices] TimeProvider time) => TypedResults.Ok(ClockState.Of(time));

    /// <summary>Moves a virtual clock by <c>by</c> (ISO 8601 duration) or to <c>to</c>, firing every timer that falls due, in order.</summary>
    private static async Task<Results<Ok<ClockState>, ValidationProblem, ProblemHttpResult>> AdvanceClockAsync(
        ClockAdvance request, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (time is not VirtualClock clock)
        {
            return TypedResults.Problem("The host runs on the system clock; set Clock:Mode to Virtual to move time.",
                statusCode: StatusCodes.Status409Conflict, title: "The clock cannot be moved.");
        }
        var errors = new Dictionary<string, string[]>();
        var target = Target(request, clock.GetUtcNow(), errors);
        if (errors.Count > 0 || target is null)
        {
            return ProblemDetailsSetup.Validation(errors);
        }
        await clock.AdvanceToAsync(target.Value, cancellationToken);
        return TypedResults.Ok(ClockState.Of(clock));
    }

    private static DateTimeOffset? Target(ClockAdvance request, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if ((request.By is null) == (request.To is null))
        {
            errors["by"] = ["Give either 'by' (an ISO 8601 duration such as P7D) or 'to' (an ISO 8601 time), not both."];
            return null;
        }
        if (request.To is { } to)
        {
            if (to < now)
            {
                errors["to"] = [$"The clock never moves backwards; it is already {now:O}."];
                return null;
            }
            return to;
        }
        try
        {
            var by = XmlConvert.ToTimeSpan(request.By!);
            if (by < TimeSpan.Zero)
            {
                errors["by"] = ["The duration must not be negative."];
                return null;
            }
            if (by > DateTimeOffset.MaxValue - now)
            {
                errors["by"] = [$"'{request.By}' would move the clock past the last representable time."];
                return null;
            }
            return now + by;
        }
        catch (OverflowException)
        {
            errors["by"] = [$"'{request.By}' is longer than any duration the clock can move by."];
            return null;
        }
        catch (FormatException)
        {
            errors["by"] = [$"'{request.By}' is not an ISO 8601 duration such as P7D or PT12H."];
            return null;
        }
    }
}

/// <summary>The body of POST /api/dev/clock/advance.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ClockAdvance(string? By, DateTimeOffset? To);

/// <summary>The clock as the dev routes show it.</summary>
internal sealed record ClockState(DateTimeOffset UtcNow, string Mode, int? PendingTimers, DateTimeOffset? NextTimerDueAt)
{
    public static ClockState Of(TimeProvider time) => time is VirtualClock clock
        ? new ClockState(clock.GetUtcNow(), "virtual", clock.PendingTimerCount, clock.NextTimerDueAt)
        : new ClockState(time.GetUtcNow(), "system", null, null);
}
