using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Transports.Outbox;
using LaaWorkflow.Email.Transports.SendGrid;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Email.Tests.Storage;

[Collection("azurite")]
public sealed class AddEmailTests
{
    private readonly AzuriteFixture _azurite;

    public AddEmailTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task AddEmail_Defaults_SendsThroughTableOutboxReadableByReader()
    {
        await using var services = Build(new Dictionary<string, string?>());
        var sender = services.GetRequiredService<IEmailSender>();
        var reader = services.GetRequiredService<IOutboxReader>();

        var first = await sender.SendAsync(Samples.Message(), CancellationToken.None);
        var second = await sender.SendAsync(Samples.Message(), CancellationToken.None);
        var stored = Assert.Single(await reader.ReadAsync("p@police.example", 10, CancellationToken.None));

        Assert.Equal((EmailSendResult.Sent, EmailSendResult.AlreadySent), (first, second));
        Assert.Equal(Samples.Message().Key, stored.Id);
        Assert.Equal("PartnerInvitation", stored.Category);
        Assert.Equal("<p>HTML body</p>", stored.Html);
        Assert.Equal("reply+abc@inbound.example", stored.ReplyTo);
    }

    [Fact]
    public async Task AddEmail_TransportSendGrid_ChoosesSendGridSender()
    {
        await using var services = Build(new Dictionary<string, string?> { ["Email:Transport"] = "SendGrid", ["SendGrid:ApiKey"] = "SG.x" });

        Assert.IsType<SendGridEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public async Task AddEmail_TransportSendGridWithoutKey_FailsNamingTheSetting()
    {
        await using var services = Build(new Dictionary<string, string?> { ["Email:Transport"] = "SendGrid" });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IEmailSender>());

        Assert.Contains("SendGrid:ApiKey", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = _azurite.ConnectionString;
        settings["Email:TablePrefix"] = AzuriteFixture.NewTableName("wired");
        settings["Email:Tokens:ActiveKeyId"] = "k2";
        settings["Email:Tokens:Keys:k2"] = Samples.Options().Tokens.Keys["k2"];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddEmail(configuration);
        return services.BuildServiceProvider();
    }
}
