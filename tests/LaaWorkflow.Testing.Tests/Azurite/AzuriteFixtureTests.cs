using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.Testing.Tests.Azurite;

[Collection("azurite")]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task InitializeAsync_FreshFixture_AllThreePortsAnswer()
    {
        Assert.True(azurite.IsRunning);
        foreach (var port in new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort })
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            Assert.True(client.Connected);
        }
    }

    [Fact]
    public async Task StopAsync_ThenStartAsync_SamePortsAnswerAgain()
    {
        var port = azurite.TablePort;
        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        using (var refused = new TcpClient())
        {
            await Assert.ThrowsAsync<SocketException>(async () => await refused.ConnectAsync("127.0.0.1", port));
        }

        await azurite.StartAsync();
        Assert.True(azurite.IsRunning);
        Assert.Equal(port, azurite.TablePort);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        Assert.True(client.Connected);
    }

    [Fact]
    public void ConnectionString_Always_NamesExplicitEndpointsAndAccount()
    {
        var text = azurite.ConnectionString;
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/devstoreaccount1", text, StringComparison.Ordinal);
        Assert.Contains($"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1", text, StringComparison.Ordinal);
        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1", text, StringComparison.Ordinal);
        Assert.Contains("AccountName=devstoreaccount1;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NewTableName_CalledTwice_GivesDistinctValidNames()
    {
        var first = AzuriteFixture.NewTableName("orders");
        var second = AzuriteFixture.NewTableName("orders");
        Assert.NotEqual(first, second);
        foreach (var name in new[] { first, second })
        {
            Assert.InRange(name.Length, 3, 63);
            Assert.True(char.IsAsciiLetterLower(name[0]));
            Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
        }
    }

    [Fact]
    public void NewQueueName_UppercasePrefix_Throws()
    {
        Assert.Throws<ArgumentException>(() => AzuriteFixture.NewQueueName("Bad"));
    }

    [Fact]
    public async Task Watchdog_OwnerProcessGone_StopsAzurite()
    {
        // A second fixture whose "owner" is a short-lived process stands in for a test host that was killed.
        await using var orphaned = new AzuriteFixture();
        await orphaned.InitializeAsync();
        using var owner = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "read line"]) { RedirectStandardInput = true, UseShellExecute = false })!;
        orphaned.WatchOwner(owner.Id);
        Assert.True(orphaned.IsRunning);

        owner.Kill();
        await owner.WaitForExitAsync();
        await Eventually.ResultAsync(() => Task.FromResult(orphaned.IsRunning ? null : "stopped"), TimeSpan.FromSeconds(30), "the watchdog to stop Azurite");
    }

    [Fact]
    public async Task TablesInMemory_StartsOneProcessPerService_AndEachServiceWorks()
    {
        await using var split = new AzuriteFixture { Persistence = AzuritePersistence.TablesInMemory };
        await split.InitializeAsync();

        Assert.Equal(["blob", "queue", "table"], split.ProcessIds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, split.ProcessIds.Values.Distinct().Count());
        var table = new TableClient(split.ConnectionString, AzuriteFixture.NewTableName());
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = "kept" });
        Assert.Equal("kept", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Value"));
        var queue = new QueueClient(split.ConnectionString, AzuriteFixture.NewQueueName());
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");
        Assert.Equal("hello", Assert.Single((await queue.ReceiveMessagesAsync(1)).Value).MessageText);

        await split.StopAsync();
        Assert.False(split.IsRunning);
        Assert.Empty(split.ProcessIds);
    }
}
