using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace LaaWorkflow.Web.Problems;

/// <summary>
/// Turns an unreadable request (bad JSON, a field of the wrong type, an unknown field, nesting too deep, a query
/// value that does not bind, a body too large) into a problem that says what is wrong and where, instead of the
/// bare "Bad Request" the framework writes. The caller's own mistake is never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode },
        };
        if (FindJsonError(bad) is { } json)
        {
            var field = FieldOf(json.Path);
            problem.ProblemDetails.Title = "The request body is not valid JSON for this route.";
            problem.ProblemDetails.Detail = field is null
                ? $"The body could not be read as JSON: {Describe(json, null)}"
                : $"The JSON at '{field}' could not be read: {Describe(json, field)}";
            problem.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field ?? "body"] = [Describe(json, field)] };
        }
        else
        {
            problem.ProblemDetails.Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body has an unsupported content type; send application/json.",
                _ => "The request is not valid.",
            };
            problem.ProblemDetails.Detail = bad.Message;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(problem);
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>The field as the validation errors name it (<c>partners[0].name</c>), from the serializer's JSON path.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? null : field;
    }

    // The serializer's own messages name .NET types; the caller needs the field and the kind of problem.
    private static string Describe(JsonException json, string? field)
    {
        var message = json.Message;
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? $" (line {line + 1}, byte {position + 1})"
            : "";
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"'{field}' is not a field of this request; unknown fields are refused so that a misspelt field is not silently ignored.";
        }
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON is nested more deeply than allowed{where}.";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"The value is not of the expected type, or out of range{where}.";
        }
        return $"The JSON is malformed or incomplete{where}.";
    }
}
