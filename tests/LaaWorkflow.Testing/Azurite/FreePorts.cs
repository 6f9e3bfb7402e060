using System.Net;
using System.Net.Sockets;

namespace LaaWorkflow.Testing;

internal static class FreePorts
{
    /// <summary>Three distinct ports the system reports free on 127.0.0.1.</summary>
    public static (int Blob, int Queue, int Table) Pick3()
    {
        // Hold all three listeners at once so the system cannot hand out the same port twice.
        var listeners = new[] { Listen(), Listen(), Listen() };
        try
        {
            return (Port(listeners[0]), Port(listeners[1]), Port(listeners[2]));
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>One port the system reports free on 127.0.0.1.</summary>
    public static int PickOne()
    {
        var listener = Listen();
        try
        {
            return Port(listener);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
