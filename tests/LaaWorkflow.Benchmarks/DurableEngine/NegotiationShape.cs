using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// The product's own shape: one agreement consulting 25 partners (one sub-orchestration each) through one round, on
/// the real orchestrators at a brisk rehearsal pace. Each partner endorses as soon as the read model shows them
/// invited, through the answer sink a link click reaches; the Government Office approves as soon as the draft reaches
/// it. The figure is partner consultations per second from start to the agreement's orchestration completing.
/// </summary>
internal static class NegotiationShape
{
    public const int Partners = 25;

    /// <summary>Real seconds per business day: the round needs no timer, so the pace only dates what is stamped.</summary>
    private const double SecondsPerDay = 1;

    private static readonly DateTimeOffset s_opens = new(2007, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static async Task<double> RunAsync(BenchmarkHub hub, string idempotencyKey)
    {
        var service = hub.Services.GetRequiredService<NegotiationService>();
        var answers = hub.Services.GetRequiredService<IAnswerSink>();
        var startedAt = DateTimeOffset.UtcNow;
        var started = await service.StartAsync(Request(), idempotencyKey);
        var id = started.InstanceId ?? throw new InvalidOperationException("The benchmark agreement was refused: " + string.Join("; ", started.Errors!.SelectMany(e => e.Value)));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await RoundDriver.DriveAsync(service, answers, [id], deadline.Token);
        var completedAt = await Shapes.CompletedAtAsync(hub.Client, [id]);
        var final = await service.GetAsync(id, deadline.Token);
        if (final?.Phase != NegotiationPhase.Finalised)
        {
            throw new InvalidOperationException($"The benchmark agreement {id} ended in phase {final?.Phase}.");
        }

        return Partners / (completedAt - startedAt).TotalSeconds;
    }

    /// <summary>Leeds' demonstration agreement with its partner list widened to 25, opening now on a fresh calendar.</summary>
    private static NegotiationRequest Request()
    {
        var leeds = DemoNegotiations.For("Leeds");
        var partners = leeds.Partners!.ToList();
        for (var k = 0; partners.Count < Partners; k++)
        {
            var model = leeds.Partners![k % leeds.Partners.Count]!;
            partners.Add(new PartnerRequest
            {
                Id = $"{model.Id}-{k}",
                Name = $"{model.Name} ({k})",
                Body = model.Body,
                Contact = new ContactRequest { Name = model.Contact!.Name, Email = $"laa{k}@{model.Id}.example" },
                Escalation = model.Escalation,
            });
        }

        return new NegotiationRequest
        {
            Area = leeds.Area,
            ResponsibleAuthority = leeds.ResponsibleAuthority,
            GovernmentOffice = leeds.GovernmentOffice,
            Period = leeds.Period,
            LspLead = leeds.LspLead,
            GovernmentOfficeNegotiator = leeds.GovernmentOfficeNegotiator,
            Partners = partners.Take(Partners).ToList(),
            Targets = leeds.Targets,
            Timetable = new TimetableRequest
            {
                ConsultationOpens = s_opens,
                ResponseDeadline = s_opens.AddDays(42),
                SignOffDeadline = s_opens.AddDays(200),
                ReminderDaysBefore = [14, 7, 2],
                EscalationEveryDays = 5,
            },
            Pace = new PaceRequest { Anchor = s_opens, SecondsPerDay = SecondsPerDay },
        };
    }
}
