namespace LaaWorkflow.Negotiation.Validation;

/// <summary>Collects every problem with a request, keyed by the field path it concerns (<c>targets[3].indicator</c>).</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors.Add(field, messages);
            _order.Add(field);
        }

        messages.Add(message);
    }

    /// <summary>The shape problem details carry: field to messages, in the order the problems were found.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in _order)
        {
            result.Add(field, [.. _errors[field]]);
        }

        return result;
    }
}
