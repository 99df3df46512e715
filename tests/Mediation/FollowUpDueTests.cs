using ChatBot.Storage.Mediation;

namespace ChatBot.Tests.Mediation;

/// <summary>When a 回访 is due, worked by hand; a follow-up is never due before the case was closed.</summary>
public class FollowUpDueTests
{
    private static MediationCase Settled(DateOnly received, DateOnly closed, DateOnly? deadline)
    {
        var c = MediationTestKit.Case(received, DisputeType.Neighbour, "东岭村", MediationStatus.Succeeded, AgreementForm.Oral);
        c.ClosedOn = closed;
        c.PerformanceDeadline = deadline;
        return c;
    }

    [Theory]
    // Settled on the spot on 10 March 2026 and performed the same day: 3 days before the deadline would be 7 March,
    // before the closing date; it is due on the closing date.
    [InlineData("2026-03-10", "2026-03-10", "2026-03-10", "2026-03-10")]
    // Deadline two days after closing (12 March): 9 March would be before it; due 10 March.
    [InlineData("2026-03-01", "2026-03-10", "2026-03-12", "2026-03-10")]
    // Deadline exactly 3 days after closing: due on the closing date itself.
    [InlineData("2026-03-01", "2026-03-10", "2026-03-13", "2026-03-10")]
    // A later deadline: 3 days before it (31 March → 28 March).
    [InlineData("2026-03-01", "2026-03-10", "2026-03-31", "2026-03-28")]
    // No deadline: 30 days after settlement, across a leap day (9 February 2028 → 10 March 2028).
    [InlineData("2028-02-01", "2028-02-09", null, "2028-03-10")]
    public void Follow_up_due(string received, string closed, string? deadline, string due) =>
        Assert.Equal(DateOnly.Parse(due), Settled(DateOnly.Parse(received), DateOnly.Parse(closed), deadline is null ? null : DateOnly.Parse(deadline)).FollowUpDue);
}
