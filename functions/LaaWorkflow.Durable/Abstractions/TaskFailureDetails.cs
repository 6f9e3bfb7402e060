namespace LaaWorkflow.Durable;

/// <summary>What went wrong in a failed activity or orchestration, in a form that survives serialization.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when there was one.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure)
{
    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> (or a subtype loaded in this process).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        if (ErrorType == typeof(T).FullName)
        {
            return true;
        }

        var type = Type.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null && typeof(T).IsAssignableFrom(type);
    }

    /// <summary>Captures an exception, its inner exceptions and the failures they carry.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            // A failed task awaited and rethrown by the caller keeps the original failure as its cause.
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!,
                failed.Message,
                failed.StackTrace,
                failed.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
