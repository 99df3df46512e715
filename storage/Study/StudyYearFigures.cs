namespace ChatBot.Storage.Study;

/// <summary>The figures a yearly report cites ("组织学法活动6次").</summary>
public sealed record StudyYearFigures(
    int Year,
    int Held,
    int Cancelled,
    int Attendances,
    IReadOnlyList<(StudyFormat Format, int Count)> ByFormat,
    IReadOnlyList<(string Law, int Count)> ByLaw,
    IReadOnlyList<StudySessionFigures> Sessions,
    IReadOnlyList<StudyPersonFigures> People)
{
    /// <summary>Total signed-in over total expected, across sessions whose expected participants are known.</summary>
    public double? OverallRate
    {
        get
        {
            var known = Sessions.Where(s => s.Expected is > 0).ToList();
            return known.Count == 0 ? null : (double)known.Sum(s => s.SignedIn) / known.Sum(s => s.Expected!.Value);
        }
    }
}
