using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Tests.Support;

/// <summary>Example data shared by the tests: one Sunderland negotiation with a police partner.</summary>
internal static class Samples
{
    public const string NegotiationId = "neg-sunderland-2008";
    public const string PartnerId = "northumbria-police";
    public static readonly DateTimeOffset Now = new(2008, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ResponseDeadline = new(2008, 4, 14, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SignOffDeadline = new(2008, 6, 30, 17, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<TargetLine> Targets { get; } =
    [
        new("NI 16", "Serious acquisitive crime rate", "designated", 18.2m, [new("2008/09", 17.5m), new("2009/10", 16.8m), new("2010/11", 16.0m)]),
        new("NI 20", "Assault with injury crime rate", "designated", 9.1m, [new("2008/09", 8.9m), new("2009/10", 8.6m), new("2010/11", 8.2m)]),
    ];

    public static AgreementSummary Agreement { get; } = new("Sunderland", "Sunderland City Council", "2008-2011", ResponseDeadline, SignOffDeadline);

    public static EmailMessage Message(string key = "neg-sunderland-2008:invite:northumbria-police:1", string subject = "Sunderland Local Area Agreement: please answer") =>
        new(
            key,
            EmailKind.PartnerInvitation,
            new EmailAddress("p@police.example", "P. Contact"),
            subject,
            "Plain body",
            "<p>HTML body</p>",
            NegotiationId,
            PartnerId,
            new EmailAddress("reply+abc@inbound.example", "LAA answers"));

    public static ConsultationView View(int round = 1, bool open = true, string? closedReason = null) =>
        new(NegotiationId, PartnerId, "Sunderland", "Sunderland City Council", "Northumbria Police", Targets, ResponseDeadline, round, open, closedReason, "2008-2011", new EmailAddress("p@police.example", "P. Contact"), SignOffDeadline);

    public static EmailOptions Options(string activeKey = "k2") => new()
    {
        FromAddress = "laa@sunderland.example",
        FromName = "Sunderland LSP",
        PublicBaseUrl = new Uri("https://laa.example.org"),
        InboundDomain = "inbound.example.org",
        InboundSecret = "inbound-secret-123",
        Tokens = new AnswerTokenOptions
        {
            ActiveKeyId = activeKey,
            Keys = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
                ["k2"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
            },
        },
    };
}
