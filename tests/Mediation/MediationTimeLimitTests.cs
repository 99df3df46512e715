using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Tests.Mediation;

/// <summary>The case-file rules with dates worked out by hand.</summary>
public class MediationTimeLimitTests
{
    private static MediationCase Received(int y, int m, int d) => new() { ReceivedOn = new DateOnly(y, m, d), Status = MediationStatus.InProgress };

    [Theory]
    // One month counted as 民法典 §201 counts it: the same day of the next month, else that month's last day.
    [InlineData(2026, 3, 10, 2026, 4, 10)]
    [InlineData(2026, 1, 31, 2026, 2, 28)]
    [InlineData(2028, 1, 31, 2028, 2, 29)] // leap year
    [InlineData(2028, 1, 29, 2028, 2, 29)]
    [InlineData(2026, 3, 31, 2026, 4, 30)]
    [InlineData(2026, 12, 15, 2027, 1, 15)]
    public void The_time_limit_is_one_month_from_acceptance(int y, int m, int d, int ly, int lm, int ld)
    {
        Assert.Equal(new DateOnly(ly, lm, ld), Received(y, m, d).TimeLimit);
    }

    [Fact]
    public void An_extension_sets_a_new_limit_and_overdue_means_open_after_the_limit()
    {
        var c = Received(2026, 1, 31);
        Assert.False(c.IsOverdue(new DateOnly(2026, 2, 28)));
        Assert.True(c.IsOverdue(new DateOnly(2026, 3, 1)));
        c.Extensions.Add(new MediationExtension { RecordedOn = new DateOnly(2026, 2, 27), Reason = "双方同意", NewLimit = new DateOnly(2026, 3, 15) });
        Assert.Equal(new DateOnly(2026, 3, 15), c.TimeLimit);
        Assert.False(c.IsOverdue(new DateOnly(2026, 3, 15)));
        Assert.True(c.IsOverdue(new DateOnly(2026, 3, 16)));
        c.Status = MediationStatus.Succeeded;
        Assert.False(c.IsOverdue(new DateOnly(2026, 3, 16))); // closed: never overdue
    }

    [Fact]
    public void A_follow_up_is_due_three_days_before_the_deadline_or_thirty_days_after_settlement()
    {
        var c = Received(2026, 3, 2);
        Assert.Null(c.FollowUpDue); // not settled
        c.Status = MediationStatus.Succeeded;
        c.ClosedOn = new DateOnly(2026, 3, 10);
        Assert.Equal(new DateOnly(2026, 4, 9), c.FollowUpDue); // no deadline: 10 March + 30 days (21 left in March + 9)
        c.PerformanceDeadline = new DateOnly(2026, 3, 2 + 18);
        Assert.Equal(new DateOnly(2026, 3, 17), c.FollowUpDue);
        c.PerformanceDeadline = new DateOnly(2028, 3, 2);
        Assert.Equal(new DateOnly(2028, 2, 28), c.FollowUpDue); // 2028-03-02 − 3 days crosses 29 February
        c.FollowUps.Add(new FollowUpVisit { Date = new DateOnly(2026, 3, 12), Performance = Performance.Fulfilled });
        Assert.Null(c.FollowUpDue); // visited after settlement
    }

    [Theory]
    [InlineData("张三 男 45岁 13812345678 住东岭村3组", "张三", "13812345678", "Male", 1981, "东岭村3组", null)]
    [InlineData("李四", "李四", null, null, null, null, null)]
    [InlineData("王芳:0571-87654321", "王芳", "0571-87654321", null, null, null, null)]
    [InlineData("赵敏 女 1990年", "赵敏", null, "Female", 1990, null, null)]
    [InlineData("东岭建材有限公司 法定代表人王五 0571-87654321", "东岭建材有限公司", "0571-87654321", null, null, null, "王五")]
    [InlineData("Zhang San male age 45 13812345678 address: Dongling 3", "Zhang San", "13812345678", "Male", 1981, "Dongling 3", null)]
    public void A_typed_party_is_read_into_its_details(string typed, string name, string? phone, string? sex, int? born, string? address, string? representative)
    {
        var p = PartyDetails.Parse(typed, 2026);
        Assert.Equal(name, p.Name);
        Assert.Equal(phone, p.Phone);
        Assert.Equal(sex, p.Sex?.ToString());
        Assert.Equal(born, p.BirthYear);
        Assert.Equal(address, p.Address);
        Assert.Equal(representative, p.Representative);
        Assert.Equal(representative is null ? PartyKind.Person : PartyKind.Organisation, p.Kind);
    }
}
