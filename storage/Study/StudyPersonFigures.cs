namespace ChatBot.Storage.Study;

public sealed record StudyPersonFigures(string Name, string? UserKey, int Attended, int Held)
{
    public double Rate => Held == 0 ? 0 : (double)Attended / Held;
}
