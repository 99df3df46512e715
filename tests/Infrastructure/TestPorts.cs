using System.Net;
using System.Net.Sockets;

namespace ChatBot.Tests.Infrastructure;

/// <summary>Loopback ports for the servers tests start (bot processes, proxies, PostgreSQL).</summary>
internal static class TestPorts
{
    /// <summary>A port nothing listens on right now (the system picks it; a race with another process is unlikely).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
