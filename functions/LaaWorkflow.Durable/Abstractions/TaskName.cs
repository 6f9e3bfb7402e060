namespace LaaWorkflow.Durable;

/// <summary>The registered name of an orchestrator or activity.</summary>
/// <param name="Name">The name, compared ordinally.</param>
public readonly record struct TaskName(string Name)
{
    /// <summary>Lets a plain string stand for a task name, as in <c>CallActivityAsync("SendEmail")</c>.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Creates a task name from a string.</summary>
    public static TaskName FromString(string name) => new(name);

    /// <inheritdoc/>
    public override string ToString() => Name ?? string.Empty;
}
