using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// Sits under the demo driver's HTTP clients and makes it behave as a careful client of a host that may vanish: a
/// connection failure or a 503 is an unknown outcome, never a success, so the request is sent again once the
/// supervisor says the hosts are back and settled (every request the driver makes is safe to repeat: answers are
/// recorded once, clock moves are absolute, starts carry an idempotency key). It also notes every answer a host
/// confirmed, the virtual time hosts report, and copies clock moves to the other live hosts.
/// </summary>
internal sealed class ResilientHandler(HostSupervisor supervisor, AnswerLog answers, FaultHooks hooks) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly HttpClient _control = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType;
        var path = request.RequestUri!.AbsolutePath;
        var isAnswer = request.Method == HttpMethod.Post && path.StartsWith("/api/respond/", StringComparison.Ordinal);
        var isClockMove = request.Method == HttpMethod.Post && path == "/api/dev/clock/advance";
        while (true)
        {
            await supervisor.WaitReadyAsync(_control, cancellationToken);
            if (isAnswer)
            {
                await hooks.BeforeAnswerAsync(request.RequestUri, body ?? [], contentType, cancellationToken);
                await supervisor.WaitReadyAsync(_control, cancellationToken);
            }

            if (isClockMove)
            {
                await MirrorAsync(request, body, contentType, cancellationToken);
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
                continue;
            }
            if (isAnswer && response.IsSuccessStatusCode)
            {
                answers.Note(request.RequestUri, Encoding.UTF8.GetString(body ?? []));
            }

            if (path.StartsWith("/api/dev/clock", StringComparison.Ordinal) && response.IsSuccessStatusCode
                && JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["utcNow"]?.GetValue<DateTimeOffset>() is { } now)
            {
                supervisor.NoteClock(now);
            }

            return response;
        }
    }

    /// <summary>Each host runs its own virtual clock, so the others are moved to the same time first.</summary>
    private async Task MirrorAsync(HttpRequestMessage request, byte[]? body, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken)
    {
        foreach (var other in supervisor.OtherLiveHosts())
        {
            var copy = Copy(request, body, contentType);
            copy.RequestUri = new Uri(other, request.RequestUri!.PathAndQuery);
            try
            {
                using var response = await base.SendAsync(copy, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // That host is being killed; its work moves to the survivors.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // As above: a host that does not answer in time is left to its fate.
            }
            finally
            {
                copy.Dispose();
            }
        }
    }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _control.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Where a scenario steps in while the driver runs; by default nowhere.</summary>
internal class FaultHooks
{
    /// <summary>Called before each answer is posted (and again after each retry of it).</summary>
    public virtual Task BeforeAnswerAsync(Uri link, byte[] form, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken) => Task.CompletedTask;
}
