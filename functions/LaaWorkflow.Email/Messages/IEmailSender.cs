namespace LaaWorkflow.Email;

/// <summary>Sends email through the configured transport (the outbox locally, SendGrid in production).</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/> unless a message with the same key was already sent.</summary>
    /// <returns>Whether this call sent the message or found it already sent.</returns>
    /// <exception cref="EmailDeliveryException">The transport refused the message or kept failing.</exception>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>What a send did.</summary>
public enum EmailSendResult
{
    /// <summary>The message was handed to the transport by this call.</summary>
    Sent,

    /// <summary>A message with the same key had already been sent; nothing was done.</summary>
    AlreadySent,
}
