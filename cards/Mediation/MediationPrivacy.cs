using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>
/// Masks the parties' personal data (人民调解法 §15, PIPL) wherever a case is shown in a group chat: a name keeps its
/// first character ("张三" → "张*", "欧阳小明" → "欧***"), a phone its first 3 and last 4 digits ("138****1234").
/// </summary>
public static class MediationPrivacy
{
    public static string MaskName(string name)
    {
        var n = name.Trim();
        if (n.Length <= 1) return n.Length == 0 ? n : "*";
        var first = char.IsSurrogate(n[0]) ? n[..2] : n[..1];
        return first + new string('*', Math.Max(1, System.Globalization.StringInfo.ParseCombiningCharacters(n).Length - 1));
    }

    public static string MaskPhone(string phone)
    {
        var p = phone.Trim();
        var digits = p.Count(char.IsDigit);
        if (digits < 7) return new string('*', p.Length);
        var d = new string(p.Where(char.IsDigit).ToArray());
        return d[..3] + "****" + d[^4..];
    }

    /// <summary>A party as shown: "张三 138…" in full, or masked.</summary>
    public static string Party(MediationParty party, bool mask)
    {
        var name = mask ? MaskName(party.Name) : party.Name;
        if (string.IsNullOrWhiteSpace(party.Phone)) return name;
        return $"{name} {(mask ? MaskPhone(party.Phone) : party.Phone)}";
    }

    /// <summary>"张三、李四" (names only, for lists), masked when asked.</summary>
    public static string Names(IEnumerable<MediationParty> parties, bool mask) =>
        string.Join("、", parties.Select(p => mask ? MaskName(p.Name) : p.Name));

    public static string Parties(IEnumerable<MediationParty> parties, bool mask, string separator = "、") =>
        string.Join(separator, parties.Select(p => Party(p, mask)));

    /// <summary>Free text (summary, notes) with the parties' names and any phone numbers masked.</summary>
    public static string Text(string? text, IEnumerable<MediationParty> parties, bool mask)
    {
        if (string.IsNullOrEmpty(text) || !mask) return text ?? "";
        var result = text;
        foreach (var p in parties.Where(p => p.Name.Trim().Length > 1).OrderByDescending(p => p.Name.Length))
            result = result.Replace(p.Name.Trim(), MaskName(p.Name), StringComparison.Ordinal);
        return MediationRules.PhoneInText().Replace(result, m => MaskPhone(m.Value));
    }
}
