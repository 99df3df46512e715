using ChatBot.Bot.Features.PlanTasks.Minutes;

namespace ChatBot.Tests.PlanTasks;

public class MinutesParserTests
{
    /// <summary>A township party-committee meeting's minutes as clerks paste them: header, a report heard, numbered decisions, odd lines.</summary>
    public const string PartyCommittee = """
        城关镇党委会会议纪要
        (2026年第23次)
        时间:2026年11月28日上午9:00
        地点:镇政府三楼会议室
        主持:李书记
        出席:王镇长、赵副书记、刘委员
        列席:综合执法办、派出所、司法所负责人
        记录:陈小红

        会议听取了综合执法办关于沿街商铺占道经营情况的汇报。
        会议议定事项如下:
        一、会议议定:由综合执法办牵头,派出所配合,于12月20日前完成沿街商铺占道整治。
        二、由司法所负责,综治中心、各村(社区)协助,12月底前完成矛盾纠纷集中排查化解。(责任人:王所长)
        三、由党政办牵头,尽快研究制定春节期间值班方案。
        四、会议要求各部门高度重视冬季安全生产。
        五、由应急办负责,2027年1月10日前完成冬季森林防火检查
        散会。
        """;

    [Fact]
    public void Decisions_of_party_committee_minutes_become_drafts_with_lead_support_and_deadline()
    {
        var d = MinutesParser.Parse(PartyCommittee, new DateOnly(2026, 12, 3));
        Assert.Equal("城关镇党委会会议议定事项", d.Meeting);
        Assert.Equal(new DateOnly(2026, 11, 28), d.MeetingDate);
        Assert.Equal(4, d.Items.Count);

        var shops = d.Items[0];
        Assert.Equal("完成沿街商铺占道整治", shops.Title);
        Assert.Equal("综合执法办", shops.LeadUnit);
        Assert.Equal(["派出所"], shops.SupportUnits);
        Assert.Equal(new DateOnly(2026, 12, 20), shops.DueDate);

        var disputes = d.Items[1];
        Assert.Equal("完成矛盾纠纷集中排查化解", disputes.Title);
        Assert.Equal("司法所", disputes.LeadUnit);
        Assert.Equal(["综治中心", "各村(社区)"], disputes.SupportUnits);
        Assert.Equal(["王所长"], disputes.Owners);
        Assert.Equal(new DateOnly(2026, 12, 31), disputes.DueDate); // 12月底

        var rota = d.Items[2];
        Assert.Equal("党政办", rota.LeadUnit);
        Assert.Null(rota.DueDate); // "尽快" is no deadline: never guessed
        Assert.Contains("春节期间值班方案", rota.Title);

        Assert.Equal(new DateOnly(2027, 1, 10), d.Items[3].DueDate);
        Assert.Equal("应急办", d.Items[3].LeadUnit);

        // The general instruction without a lead unit is shown as not understood; header, report heard, issue number and 散会 are not.
        Assert.Equal(["四、会议要求各部门高度重视冬季安全生产"], d.NotUnderstood);
    }

    [Fact]
    public void A_deadline_before_the_meeting_day_is_next_years_and_several_items_on_one_line_are_split()
    {
        const string minutes = """
            镇长办公会议纪要
            时间:2026年12月28日
            1.由财政所牵头,各村配合,1月15日前完成村级财务公开;2.由规划办负责,3月底前完成集镇规划修编。
            3.关于食堂承包问题,下次再议。
            """;
        var d = MinutesParser.Parse(minutes, new DateOnly(2026, 12, 29));
        Assert.Equal("镇长办公会议议定事项", d.Meeting);
        Assert.Equal(2, d.Items.Count);
        Assert.Equal(new DateOnly(2027, 1, 15), d.Items[0].DueDate); // 1月15日 after a meeting on 12-28: next January
        Assert.Equal(["各村"], d.Items[0].SupportUnits);
        Assert.Equal("完成村级财务公开", d.Items[0].Title);
        Assert.Equal(new DateOnly(2027, 3, 31), d.Items[1].DueDate);
        Assert.Equal("规划办", d.Items[1].LeadUnit);
        Assert.Equal(["3.关于食堂承包问题,下次再议"], d.NotUnderstood);
    }

    [Fact]
    public void Minutes_without_a_title_or_date_are_named_after_today_and_text_without_decisions_gives_none()
    {
        var d = MinutesParser.Parse("由城建办牵头,12月15日前完成老旧小区排水改造", new DateOnly(2026, 12, 3));
        Assert.Equal("2026年12月3日会议议定事项", d.Meeting);
        Assert.Equal("完成老旧小区排水改造", Assert.Single(d.Items).Title);

        var none = MinutesParser.Parse("今天天气不错\n大家辛苦了", new DateOnly(2026, 12, 3));
        Assert.Empty(none.Items);
        Assert.Equal(["今天天气不错", "大家辛苦了"], none.NotUnderstood);
    }
}
