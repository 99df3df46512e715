namespace ChatBot.Cards.Help;

/// <summary>One line of the help card: a command in both languages, what it does, and its feature group.</summary>
public sealed record CommandHelp(string GroupZh, string GroupEn, string Zh, string En, string WhatZh, string WhatEn, int Order = 100);
