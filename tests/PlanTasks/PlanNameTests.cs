using ChatBot.Cards.PlanTasks;

namespace ChatBot.Tests.PlanTasks;

/// <summary>A plan is named with its year once: "2026年平安建设工作要点", never "2026 2026年平安建设工作要点".</summary>
public class PlanNameTests
{
    [Theory]
    [InlineData(2026, "2026年平安建设工作要点", "2026年平安建设工作要点")]
    [InlineData(2026, "平安建设工作要点", "2026 平安建设工作要点")]
    [InlineData(2027, "2026年平安建设工作要点", "2027 2026年平安建设工作要点")]
    public void The_year_is_shown_once(int year, string title, string shown) =>
        Assert.Equal(shown, PlanTaskCards.PlanName(year, title));
}
