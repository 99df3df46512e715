using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>
/// Statistics against a data set computed by hand. The fixture (2026 unless noted):
///  1  01-05 邻里 东岭村 成功 口头        6  02-28 邻里 西山社区 已移交 群体性
///  2  01-12 邻里 东岭村 成功 书面        7  03-01 劳动 南湖村 成功 书面 群体性
///  3  01-20 婚姻家庭 西山社区 不成功     8  03-05 劳动 南湖村 不成功
///  4  02-03 婚姻家庭 东岭村 成功 口头 重大  9  03-09 邻里 南湖村 受理
///  5  02-14 合同 西山社区 调解中         10 03-10 婚姻家庭 东岭村 成功 口头
///  11 2025-12-31 邻里 东岭村 成功 口头 (another year: outside the 2026 figures)
/// </summary>
public class MediationStatsTests
{
    public static List<MediationCase> Fixture() =>
    [
        Case(new(2026, 1, 5), DisputeType.Neighbour, "东岭村", MediationStatus.Succeeded, AgreementForm.Oral),
        Case(new(2026, 1, 12), DisputeType.Neighbour, "东岭村", MediationStatus.Succeeded, AgreementForm.Written),
        Case(new(2026, 1, 20), DisputeType.Family, "西山社区", MediationStatus.Failed),
        Case(new(2026, 2, 3), DisputeType.Family, "东岭村", MediationStatus.Succeeded, AgreementForm.Oral, major: true),
        Case(new(2026, 2, 14), DisputeType.Contract, "西山社区", MediationStatus.InProgress),
        Case(new(2026, 2, 28), DisputeType.Neighbour, "西山社区", MediationStatus.Referred, collective: true),
        Case(new(2026, 3, 1), DisputeType.Labour, "南湖村", MediationStatus.Succeeded, AgreementForm.Written, collective: true),
        Case(new(2026, 3, 5), DisputeType.Labour, "南湖村", MediationStatus.Failed),
        Case(new(2026, 3, 9), DisputeType.Neighbour, "南湖村", MediationStatus.Accepted),
        Case(new(2026, 3, 10), DisputeType.Family, "东岭村", MediationStatus.Succeeded, AgreementForm.Oral),
        Case(new(2025, 12, 31), DisputeType.Neighbour, "东岭村", MediationStatus.Succeeded, AgreementForm.Oral),
    ];

    /// <summary>(received, mediated, successful, oral, written)</summary>
    private static void AssertFigures(MediationFigures f, int received, int mediated, int successful, int oral, int written, string rate)
    {
        Assert.Equal((received, mediated, successful, oral, written), (f.Received, f.Mediated, f.Successful, f.Oral, f.Written));
        Assert.Equal(rate, ChatBot.Cards.Mediation.MediationLabels.Rate(f.SuccessRate));
    }

    [Fact]
    public void Year_figures_match_the_hand_computed_set()
    {
        var r = MediationReport.Compute(Fixture(), new(2026, 1, 1), new(2026, 12, 31));
        AssertFigures(r.Total, 10, 7, 5, 3, 2, "71.4%");
        Assert.Equal((2, 1, 1, 2), (r.Total.Open, r.Total.Referred, r.Total.Major, r.Total.Collective));

        Assert.Equal([DisputeType.Family, DisputeType.Neighbour, DisputeType.Contract, DisputeType.Labour], r.ByType.Select(t => t.Type));
        AssertFigures(r.ByType[0].Figures, 3, 3, 2, 2, 0, "66.7%");
        AssertFigures(r.ByType[1].Figures, 4, 2, 2, 1, 1, "100%");
        AssertFigures(r.ByType[2].Figures, 1, 0, 0, 0, 0, "—");
        AssertFigures(r.ByType[3].Figures, 2, 2, 1, 0, 1, "50%");

        Assert.Equal(["东岭村", "南湖村", "西山社区"], r.ByVillage.Select(v => v.Village));
        AssertFigures(r.ByVillage[0].Figures, 4, 4, 4, 3, 1, "100%");
        AssertFigures(r.ByVillage[1].Figures, 3, 2, 1, 0, 1, "50%");
        AssertFigures(r.ByVillage[2].Figures, 3, 1, 0, 0, 0, "0%");

        Assert.Equal([(2026, 1), (2026, 2), (2026, 3)], r.ByMonth.Select(m => (m.Year, m.Month)));
        AssertFigures(r.ByMonth[0].Figures, 3, 3, 2, 1, 1, "66.7%");
        AssertFigures(r.ByMonth[1].Figures, 3, 1, 1, 1, 0, "100%");
        AssertFigures(r.ByMonth[2].Figures, 4, 3, 2, 1, 1, "66.7%");

        var y2025 = MediationReport.Compute(Fixture(), new(2025, 1, 1), new(2025, 12, 31));
        AssertFigures(y2025.Total, 1, 1, 1, 1, 0, "100%");
        AssertFigures(MediationReport.Compute([], new(2026, 1, 1), new(2026, 12, 31)).Total, 0, 0, 0, 0, 0, "—");
    }

    [Theory]
    [InlineData("", 2026, 1, 1, 2026, 12, 31)]
    [InlineData("本月", 2026, 3, 1, 2026, 3, 31)]
    [InlineData("month", 2026, 3, 1, 2026, 3, 31)]
    [InlineData("2025", 2025, 1, 1, 2025, 12, 31)]
    [InlineData("2026-02", 2026, 2, 1, 2026, 2, 28)]
    [InlineData("2026年2月", 2026, 2, 1, 2026, 2, 28)]
    [InlineData("1月", 2026, 1, 1, 2026, 1, 31)]
    public void Periods_are_understood(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        Assert.True(MediationStatsCommand.TryPeriod(text, new DateOnly(2026, 3, 10), out var from, out var to));
        Assert.Equal((new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)), (from, to));
    }

    [Fact]
    public async Task The_stats_command_shows_the_report_figures_in_web_chat_and_text()
    {
        using var host = new BotHost();
        var store = host.Service<MediationStore>();
        var i = 0;
        foreach (var c in Fixture())
        {
            c.WorkspaceId = "local:office";
            store.Create(c, "f" + ++i, new("webchat:u", "u"), host.Clock.GetUtcNow());
        }

        var year = (await host.SendWebChatAsync(Activities.Message("调解统计", "u", "wc-1", "webchat"))).AllText();
        Assert.Contains("2026年人民调解统计", year);
        Assert.Contains("受理10起,调解7起,调解成功5起,成功率71.4%;口头协议3起,书面协议2起。", year);
        Assert.Contains("按纠纷类型", year);
        Assert.Contains("西山社区", year);
        Assert.Contains("2026年2月", year);

        var month = (await host.SendWebChatAsync(Activities.Message("mediation stats month", "u", "wc-1", "webchat", locale: "en-US"))).AllText();
        Assert.Contains("Received 4, mediated 3, settled 2, success rate 66.7%; oral agreements 1, written 1.", month);

        var last = (await host.SendWebChatAsync(Activities.Message("调解统计 2025", "u", "wc-1", "webchat"))).AllText();
        Assert.Contains("受理1起,调解1起,调解成功1起,成功率100%", last);
        Assert.Contains("没看懂统计期间", (await host.SendWebChatAsync(Activities.Message("调解统计 下下个月", "u", "wc-1", "webchat"))).AllText());
    }
}
