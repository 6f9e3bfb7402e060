using System.Xml.Linq;
using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>How unreliable the <see cref="QueueProxy"/> makes delivery.</summary>
internal sealed record QueueProxyOptions(int Seed, string QueuePrefix)
{
    /// <summary>Share of the messages put on the task hub's queues that are put a second time.</summary>
    public double DuplicateProbability { get; init; } = 1.0;

    /// <summary>
    /// Share of those second copies held back for a random while (from <see cref="MinHoldBack"/> to
    /// <see cref="MaxHoldBack"/>) instead of sent at once. All by default: DurableTask.AzureStorage 2.11.3 cannot take
    /// an orchestration's ExecutionStarted message and its copy in one batch (it fails the work item with "Multiple
    /// ExecutionStartedEvent found, potential corruption in state storage" and abandons it again and again, so that
    /// instance never runs), which RELIABILITY.md reports; held back, a copy arrives as a late redelivery would.
    /// </summary>
    public double HoldBackProbability { get; init; } = 1.0;

    public TimeSpan MinHoldBack { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxHoldBack { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// An HTTP proxy in front of Azurite's queue endpoint that the hosts' <c>AzureWebJobsStorage</c> QueueEndpoint points
/// at, so DurableTask.AzureStorage runs unchanged on queues that misbehave as at-least-once queues may: every Put
/// Message to a task hub queue is sent again (held back and sent one to ten seconds later by default, a second message
/// with the same body), and the messages each Get Messages returns are shuffled. Everything else passes through untouched; the
/// requests are forwarded byte for byte, so their Shared Key signatures still hold.
/// </summary>
internal sealed class QueueProxy : IAsyncDisposable
{
    private static readonly HashSet<string> s_hopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive" };

    private readonly WebApplication _app;
    private readonly HttpClient _azurite = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Uri _target;
    private readonly QueueProxyOptions _options;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _heldBack = [];
    private int _messages;
    private int _copies;
    private int _copiesHeldBack;
    private int _batchesShuffled;

    private QueueProxy(WebApplication app, Uri target, QueueProxyOptions options, Uri endpoint)
    {
        _app = app;
        _target = target;
        _options = options;
        _random = new Random(options.Seed);
        Endpoint = endpoint;
    }

    /// <summary>The queue endpoint to give the hosts, account path included.</summary>
    public Uri Endpoint { get; }

    /// <summary>Messages the hosts put on task hub queues.</summary>
    public int Messages => Volatile.Read(ref _messages);

    /// <summary>Second copies put.</summary>
    public int Copies => Volatile.Read(ref _copies);

    public int CopiesHeldBack => Volatile.Read(ref _copiesHeldBack);

    /// <summary>Get Messages answers with two or more messages whose order was shuffled.</summary>
    public int BatchesShuffled => Volatile.Read(ref _batchesShuffled);

    /// <summary>Starts the proxy on a free loopback port in front of <paramref name="queueEndpoint"/> (Azurite's, with the account path).</summary>
    public static async Task<QueueProxy> StartAsync(Uri queueEndpoint, QueueProxyOptions options, CancellationToken cancellationToken)
    {
        var port = FreePorts.PickOne();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var proxy = new QueueProxy(app, new Uri(queueEndpoint.GetLeftPart(UriPartial.Authority)), options, new Uri($"http://127.0.0.1:{port}{queueEndpoint.AbsolutePath}"));
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] held;
        lock (_gate)
        {
            held = [.. _heldBack];
        }

        await Task.WhenAll(held);
        await _app.StopAsync();
        await _app.DisposeAsync();
        _azurite.Dispose();
        _stop.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        var queue = QueueOf(request.Path);
        var isHubQueue = queue?.StartsWith(_options.QueuePrefix, StringComparison.Ordinal) == true;
        var isPut = isHubQueue && HttpMethods.IsPost(request.Method);
        var isGet = isHubQueue && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("peekonly");

        using var response = await _azurite.SendAsync(Forward(request, bytes), HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (isPut && response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _messages);
            DuplicateLater(request, bytes);
        }

        if (isGet && response.IsSuccessStatusCode)
        {
            answer = Shuffle(answer);
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!s_hopHeaders.Contains(header.Key) && !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>Puts the same message again, at once or after a random hold-back, as a queue delivering twice would.</summary>
    private void DuplicateLater(HttpRequest request, byte[] body)
    {
        TimeSpan delay;
        lock (_gate)
        {
            if (_random.NextDouble() >= _options.DuplicateProbability)
            {
                return;
            }

            delay = _random.NextDouble() < _options.HoldBackProbability
                ? _options.MinHoldBack + ((_options.MaxHoldBack - _options.MinHoldBack) * _random.NextDouble())
                : TimeSpan.Zero;
        }

        var copy = Forward(request, body);
        var send = SendCopyAsync(copy, delay);
        lock (_gate)
        {
            _heldBack.RemoveAll(t => t.IsCompleted);
            _heldBack.Add(send);
        }
    }

    private async Task SendCopyAsync(HttpRequestMessage copy, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _copiesHeldBack);
                // The hold-back is the fault itself: a copy arriving late.
                await Task.Delay(delay, _stop.Token);
            }

            using var response = await _azurite.SendAsync(copy, _stop.Token);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _copies);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or HttpRequestException)
        {
            // The run is over, or storage is down: that copy is simply not delivered.
        }
        finally
        {
            copy.Dispose();
        }
    }

    private byte[] Shuffle(byte[] answer)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(answer));
        }
        catch (System.Xml.XmlException)
        {
            return answer;
        }

        var messages = document.Root?.Elements("QueueMessage").ToList() ?? [];
        if (messages.Count < 2)
        {
            return answer;
        }

        lock (_gate)
        {
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(messages));
        }

        document.Root!.ReplaceNodes(messages);
        Interlocked.Increment(ref _batchesShuffled);
        using var output = new MemoryStream();
        document.Save(output, SaveOptions.DisableFormatting);
        return output.ToArray();
    }

    private HttpRequestMessage Forward(HttpRequest request, byte[] body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path.ToUriComponent() + request.QueryString.ToUriComponent()));
        if (body.Length > 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var header in request.Headers)
        {
            if (s_hopHeaders.Contains(header.Key) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        return message;
    }

    /// <summary>The queue a request is about: the path is <c>/{account}/{queue}/messages[/...]</c>.</summary>
    private static string? QueueOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[2] == "messages" ? segments[1] : null;
    }
}
