namespace LaaWorkflow.Negotiation.Validation;

/// <summary>Either the validated value or every problem found.</summary>
internal sealed class ValidationOutcome<T>
    where T : class
{
    private ValidationOutcome(T? value, IReadOnlyDictionary<string, string[]>? errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public bool IsValid => Errors is null;

    public static ValidationOutcome<T> Valid(T value) => new(value, null);

    public static ValidationOutcome<T> Invalid(ValidationErrors errors) => new(null, errors.ToDictionary());
}
