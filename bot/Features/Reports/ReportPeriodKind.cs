namespace ChatBot.Bot.Features.Reports;

internal enum ReportPeriodKind { Year, Half, Quarter }
