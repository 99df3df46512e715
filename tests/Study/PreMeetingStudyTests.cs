using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>
/// 会前学法 scheduled in Web Chat (BotHost clock 2026-03-10 09:00, a Tuesday): a meeting and a presenter are required,
/// it lasts 30 minutes unless an end is given, and attending it gives 0.5 学时. 2026-03-12 is a Thursday, 03-19 too.
/// </summary>
public class PreMeetingStudyTests
{
    private static object PreMeetingForm(string rule, string? meeting, string? presenter) => new
    {
        form = "study.schedule", title = "会前学法:行政复议法", law = "行政复议法", format = "PreMeeting", rule, meeting, presenter, expected = "王小明、李娜",
    };

    [Fact]
    public async Task A_pre_meeting_study_needs_its_meeting_and_presenter_lasts_30_minutes_and_counts_half_an_hour()
    {
        using var host = new BotHost();
        var form = (await host.SendWebChatAsync(WebChat("安排学法"))).AllText();
        Assert.Contains("会前学法", form);
        Assert.Contains("所附会议", form);

        var again = (await host.SendWebChatAsync(WebChatSubmit(PreMeetingForm("3月12日 08:30", null, null)))).AllText();
        Assert.Contains("会前学法请填写所附会议", again);
        Assert.Contains("会前学法需要主讲人", again);
        Assert.Empty(host.Service<StudyStore>().InWorkspace("local:office"));

        var saved = (await host.SendWebChatAsync(WebChatSubmit(PreMeetingForm("3月12日 08:30", "党委会", "王小明")))).AllText();
        Assert.Contains("会前学法(党委会)", saved);
        Assert.Contains("2026年3月12日(周四)08:30–09:00", saved);
        var session = Assert.Single(host.Service<StudyStore>().InWorkspace("local:office"));
        Assert.Equal(StudyFormat.PreMeeting, session.Format);
        Assert.Equal("党委会", session.Meeting);
        Assert.Equal(30, session.Rule.DurationMinutes);
        Assert.Equal("webchat:user-1", session.PresenterUserKey); // 王小明 wrote it himself: a member of that name

        host.Clock.SetUtcNow(Local(3, 12, 8, 40));
        Assert.Contains("已签到", (await host.SendWebChatAsync(WebChat("签到"))).AllText());
        host.Clock.SetUtcNow(Local(3, 12, 10, 0));
        Assert.Contains("03-12 会前学法:行政复议法:0.5学时(签到)", (await host.SendWebChatAsync(WebChat("我的学法"))).AllText());

        // With an end time, the end counts.
        await host.SendWebChatAsync(WebChat("安排学法"));
        await host.SendWebChatAsync(WebChatSubmit(PreMeetingForm("3月19日 08:30-09:15", "常务会", "李娜")));
        Assert.Equal(45, host.Service<StudyStore>().InWorkspace("local:office").Last().Rule.DurationMinutes);
    }

    [Fact]
    public async Task Step_by_step_asks_for_the_meeting_and_will_not_skip_the_presenter()
    {
        using var host = new BotHost();
        await host.SendWebChatAsync(WebChat("schedule study", locale: "en-US"));
        await host.SendWebChatAsync(WebChat("Pre-meeting: Work Safety Law", locale: "en-US"));
        await host.SendWebChatAsync(WebChat("Work Safety Law", locale: "en-US"));
        Assert.Contains("Before which meeting?", (await host.SendWebChatAsync(WebChat("Pre-meeting study", locale: "en-US"))).AllText());
        await host.SendWebChatAsync(WebChat("Mayor's office meeting", locale: "en-US"));
        Assert.Contains("a pre-meeting study needs one", (await host.SendWebChatAsync(WebChat("2026-03-19 08:30", locale: "en-US"))).AllText());
        var skipped = (await host.SendWebChatAsync(WebChat("skip", locale: "en-US"))).AllText();
        Assert.Contains("A pre-meeting study needs a presenter", skipped); // required: asked again
        Assert.DoesNotContain("Where, or which meeting link?", skipped);
        Assert.Contains("Where, or which meeting link?", (await host.SendWebChatAsync(WebChat("Li Na", locale: "en-US"))).AllText());
        await host.SendWebChatAsync(WebChat("skip", locale: "en-US"));
        await host.SendWebChatAsync(WebChat("skip", locale: "en-US"));
        var confirm = (await host.SendWebChatAsync(WebChat("Wang Xiaoming", locale: "en-US"))).AllText();
        Assert.Contains("Pre-meeting study (Mayor's office meeting)", confirm);
        Assert.Contains("Once, 2026-03-19 08:30–09:00", confirm);
        Assert.Contains("Study session #1 scheduled", (await host.SendWebChatAsync(WebChat("yes", locale: "en-US"))).AllText());
        Assert.Equal(30, Assert.Single(host.Service<StudyStore>().InWorkspace("local:office")).Rule.DurationMinutes);
    }
}
