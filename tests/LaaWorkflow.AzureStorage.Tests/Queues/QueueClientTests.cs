using System.Collections.Concurrent;
using Azure;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Queues.Models;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Queues;

[Collection("azurite")]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private async Task<QueueClient> NewQueueAsync(QueueClientOptions? options = null)
    {
        var queue = new QueueServiceClient(azurite.ConnectionString, options ?? new QueueClientOptions()).GetQueueClient(AzuriteFixture.NewQueueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_ExistsAndDeleteIfExistsReportsIt()
    {
        var queue = new QueueClient(azurite.ConnectionString, AzuriteFixture.NewQueueName());
        Assert.False((await queue.ExistsAsync()).Value);
        await queue.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        Assert.True((await queue.ExistsAsync()).Value);
        Assert.True((await queue.DeleteIfExistsAsync()).Value);
        Assert.False((await queue.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task SendMessageAsync_ThenReceive_GivesTextAndReceiptDetails()
    {
        var queue = await NewQueueAsync();
        const string text = "<endorse> & \"quote\" 'apostrophe' ünïcode ✓";
        var sent = (await queue.SendMessageAsync(text)).Value;
        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(30))).Value;
        var message = Assert.Single(received);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(text, message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.NotNull(message.InsertedOn);
        Assert.True(message.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(20));
        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);
    }

    [Fact]
    public async Task SendMessageAsync_WithVisibilityDelay_StaysInvisibleUntilDue()
    {
        var queue = await NewQueueAsync();
        var sent = (await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2))).Value;
        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var message = await Eventually.ResultAsync(async () => (await queue.ReceiveMessageAsync()).Value, TimeSpan.FromSeconds(20), "the delayed message");
        // Times on the wire have whole-second precision.
        Assert.True(DateTimeOffset.UtcNow >= sent.TimeNextVisible.AddSeconds(-1), $"received at {DateTimeOffset.UtcNow:O}, due {sent.TimeNextVisible:O}");
        Assert.Equal("later", message.MessageText);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_EightCompetingReceivers_NeverGetTheSameMessageTwice()
    {
        var queue = await NewQueueAsync();
        const int total = 160;
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await queue.SendMessageAsync($"m{i}", cancellationToken: ct));

        var seen = new ConcurrentBag<string>();
        var until = DateTime.UtcNow.AddSeconds(60);
        var receivers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (seen.Count < total && DateTime.UtcNow < until)
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 5, visibilityTimeout: TimeSpan.FromMinutes(5))).Value)
                {
                    seen.Add(message.MessageText);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }));
        await Task.WhenAll(receivers);

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibilityRunsOut_MessageReturnsAndOldReceiptFails()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("retry me");
        var first = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);
        var second = await Eventually.ResultAsync(async () => (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value, TimeSpan.FromSeconds(20), "the message to come back");
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.InRange(error.Status, 400, 404);
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task UpdateMessageAsync_NewTextAndZeroVisibility_IsReceivedAgainWithIt()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var received = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value);
        var receipt = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "v2", TimeSpan.Zero)).Value;
        Assert.NotEqual(received.PopReceipt, receipt.PopReceipt);
        Assert.Equal(received.PopReceipt, received.PopReceipt);
        Assert.Equal(receipt.PopReceipt, received.Update(receipt).PopReceipt);

        var again = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal("v2", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_ExtendVisibility_KeepsMessageHidden()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("long job");
        var received = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);
        var receipt = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
        Assert.True(receipt.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(4));
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        await queue.DeleteMessageAsync(received.MessageId, receipt.PopReceipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task PeekMessagesAsync_LeavesMessagesVisibleAndUncounted()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");
        var peeked = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Equal(["a", "b"], peeked.Select(p => p.MessageText));
        Assert.All(peeked, p => Assert.Equal(0, p.DequeueCount));
        Assert.Equal(2, (await queue.ReceiveMessagesAsync(32)).Value.Length);
    }

    [Fact]
    public async Task GetPropertiesAsync_ThreeMessages_CountsThem()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        Assert.Equal(3, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await queue.ClearMessagesAsync();
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task SendMessageAsync_Base64Encoding_WritesBase64AndReadsBack()
    {
        var name = AzuriteFixture.NewQueueName();
        var encoded = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await encoded.CreateIfNotExistsAsync();
        await encoded.SendMessageAsync("{\"id\":1}");
        var plain = new QueueClient(azurite.ConnectionString, name);
        Assert.Equal(Convert.ToBase64String("{\"id\":1}"u8), Assert.Single((await plain.PeekMessagesAsync()).Value).MessageText);
        Assert.Equal("{\"id\":1}", Assert.Single((await encoded.ReceiveMessagesAsync()).Value).MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_TooLarge_ThrowsBeforeSending()
    {
        var queue = await NewQueueAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', QueueClient.MaxMessageBytes + 1)));
        Assert.Contains("65536", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_ThirtyThree_ThrowsNamingTheLimit()
    {
        var queue = await NewQueueAsync();
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueClient_UppercaseName_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new QueueClient(azurite.ConnectionString, "Bad_Name"));
        Assert.Contains("Bad_Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessageAsync_QueueMissing_Throws404WithErrorCode()
    {
        var queue = new QueueClient(azurite.ConnectionString, AzuriteFixture.NewQueueName());
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));
        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SendMessageAsync_TimeToLive_SetsExpiryAndMinusOneNeverExpires()
    {
        var queue = await NewQueueAsync();
        var hour = (await queue.SendMessageAsync("an hour", timeToLive: TimeSpan.FromHours(1))).Value;
        Assert.Equal(TimeSpan.FromHours(1), hour.ExpirationTime - hour.InsertionTime);

        var forever = (await queue.SendMessageAsync("forever", timeToLive: TimeSpan.FromSeconds(-1))).Value;
        Assert.True(forever.ExpirationTime.Year >= 9999, $"expires {forever.ExpirationTime:O}");

        var received = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(hour.ExpirationTime, received.Single(m => m.MessageText == "an hour").ExpiresOn);
    }

    [Fact]
    public async Task SendMessageAsync_VisibleAfterExpiry_ThrowsBeforeSending()
    {
        var queue = await NewQueueAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("never seen", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
