using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// Sits under the demo driver's HTTP clients and makes it behave as a careful client of a host that may vanish: a
/// connection failure or a 503 is an unknown outcome, never a success, so the request is sent again once the
/// supervisor says the hosts are back (every request the driver makes is safe to repeat: answers are recorded once
/// per link, starts carry an idempotency key, a Government Office decision or revision is refused once taken). It
/// also notes every answer a host confirmed.
/// </summary>
internal sealed class ResilientHandler(HostSupervisor supervisor, AnswerLog answers, FaultHooks hooks) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType;
        var path = request.RequestUri!.AbsolutePath;
        var isAnswer = request.Method == HttpMethod.Post && path.StartsWith("/api/respond/", StringComparison.Ordinal);
        while (true)
        {
            await supervisor.WaitReadyAsync(cancellationToken);
            if (isAnswer)
            {
                await hooks.BeforeAnswerAsync(request.RequestUri, body ?? [], contentType, cancellationToken);
                await supervisor.WaitReadyAsync(cancellationToken);
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(Copy(request, body, contentType), cancellationToken);

                // The body is read here too: a host killed after its headers went out fails the read, and that is
                // as unknown an outcome as a refused connection.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                response?.Dispose();
                await PauseAsync(cancellationToken);
                continue;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                continue;
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                response.Dispose();
                await PauseAsync(cancellationToken);
                continue;
            }

            if (isAnswer && response.IsSuccessStatusCode)
            {
                answers.Note(request.RequestUri, Encoding.UTF8.GetString(body ?? []));
            }

            return response;
        }
    }

    /// <summary>
    /// Between two tries of a request whose outcome was unknown: a host may be going down just before the supervisor
    /// marks it down, and the next try must not spin meanwhile.
    /// </summary>
    private static Task PauseAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, MediaTypeHeaderValue? contentType)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            copy.Content.Headers.ContentType = contentType;
        }

        return copy;
    }
}

/// <summary>Where a scenario steps in while the driver runs; by default nowhere.</summary>
internal class FaultHooks
{
    /// <summary>Called before each answer is posted (and again after each retry of it).</summary>
    public virtual Task BeforeAnswerAsync(Uri link, byte[] form, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken) => Task.CompletedTask;
}
