namespace LaaWorkflow.Email;

/// <summary>A mailbox: an address and an optional display name.</summary>
/// <remarks>
/// Both parts end up in mail headers, so a line break in either would let a partner-supplied name add headers.
/// The address is rejected if it holds any control character; the name has them replaced by spaces.
/// </remarks>
public sealed record EmailAddress
{
    /// <summary>Creates a mailbox, rejecting an address that is empty, lacks an <c>@</c> or holds control characters.</summary>
    public EmailAddress(string Email, string? Name = null)
    {
        ArgumentNullException.ThrowIfNull(Email);
        var trimmed = Email.Trim();
        if (trimmed.Length == 0 || Email.Any(char.IsControl) || trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"The email address '{HeaderText.Clean(trimmed)}' holds spaces or control characters.", nameof(Email));
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            throw new ArgumentException($"The email address '{trimmed}' is not of the form name@domain.", nameof(Email));
        }

        this.Email = trimmed;
        this.Name = string.IsNullOrWhiteSpace(Name) ? null : HeaderText.Clean(Name);
    }

    /// <summary>The address, for example <c>p@police.example</c>.</summary>
    public string Email { get; }

    /// <summary>The display name, with control characters replaced by spaces; null when none.</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name is null ? Email : $"{Name} <{Email}>";
}
