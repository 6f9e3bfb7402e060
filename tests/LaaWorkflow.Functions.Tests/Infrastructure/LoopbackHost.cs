using System.Net;
using System.Net.Sockets;
using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Connections;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>
/// The real host on a real loopback port, for the browser. The port must be known before the host starts (the emails'
/// links name it), so it is probed free first; another test's connection can take it before the host binds it, and
/// then the host is started again on another.
/// </summary>
internal static class LoopbackHost
{
    private const int Attempts = 3;

    public static (HostFactory Host, Uri BaseUrl) Start(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var baseUrl = new Uri($"http://127.0.0.1:{port}");
            var all = new Dictionary<string, string?>(settings) { ["Email:PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/') };
            var host = new HostFactory(azurite, all);
            try
            {
                host.UseKestrel(port);
                host.StartServer();
                return (host, baseUrl);
            }
            catch (Exception error) when (attempt < Attempts && PortTaken(error))
            {
                host.Dispose();
            }
        }
    }

    private static bool PortTaken(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
