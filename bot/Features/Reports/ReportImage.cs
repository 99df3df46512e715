namespace ChatBot.Bot.Features.Reports;

/// <summary>A chart for the report: the PNG, its size in pixels (for the aspect ratio) and the text read instead of it.</summary>
internal sealed record ReportImage(byte[] Png, int WidthPx, int HeightPx, string AltText);
