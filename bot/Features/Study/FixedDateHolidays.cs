using ChatBot.Cards;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// The statutory public holidays that fall on the same Gregorian date every year (国务院《全国年节及纪念日放假办法》,
/// as amended in 2024): 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October. The lunar ones (春节, 端午, 中秋) and 清明 move
/// from year to year and need the published calendar, which this list does not pretend to know.
/// </summary>
internal static class FixedDateHolidays
{
    public static string? NameOf(DateOnly date, Lang lang) => (date.Month, date.Day) switch
    {
        (1, 1) => lang.T("元旦", "New Year's Day"),
        (5, 1) or (5, 2) => lang.T("劳动节", "Labour Day"),
        (10, 1) or (10, 2) or (10, 3) => lang.T("国庆节", "National Day"),
        _ => null,
    };
}
