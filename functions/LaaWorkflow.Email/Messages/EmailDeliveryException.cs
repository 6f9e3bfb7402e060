namespace LaaWorkflow.Email;

/// <summary>A transport refused a message, or kept failing until its retries ran out.</summary>
public sealed class EmailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmailDeliveryException(string message, int? statusCode = null, IReadOnlyList<string>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public EmailDeliveryException()
        : this("The email could not be delivered.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public EmailDeliveryException(string message)
        : this(message, null, null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EmailDeliveryException(string message, Exception innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>The HTTP status the provider answered with, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's error messages (SendGrid's <c>errors[].message</c>).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Whether retrying later could succeed (a rate limit, a server error or a timeout).</summary>
    public bool IsTransient => StatusCode is null or 429 or >= 500;
}
