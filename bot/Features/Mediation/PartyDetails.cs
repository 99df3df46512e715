using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Reads a party as typed in the step-by-step dialog: "张三 男 45岁 13812345678 住东岭村3组",
/// "东岭建材有限公司 法定代表人王五 0571-87654321", "Zhang San male 1980 13812345678 address: Dongling 3". The phone, sex,
/// age or birth year and representative are recognised wherever they stand; the address follows 住/住址/地址/address;
/// what is left is the name. An organisation is one with a representative.
/// </summary>
internal static partial class PartyDetails
{
    /// <summary>"1980", "1980年" → 1980; "45", "45岁" → <paramref name="year"/> − 45; null when neither.</summary>
    public static int? BirthYear(string text, int year)
    {
        var t = Recognizers.ToHalfWidth(text).Trim().ToLowerInvariant();
        var m = BirthPattern().Match(t);
        if (!m.Success) return null;
        var n = int.Parse(m.Groups[1].Value);
        if (m.Groups[1].Value.Length == 4) return n;
        return n is > 0 and <= 120 ? year - n : null;
    }

    public static MediationParty Parse(string entry, int year)
    {
        var text = Recognizers.ToHalfWidth(entry).Trim();
        string? address = null;
        if (AddressMarker().Match(text) is { Success: true } a)
        {
            address = text[(a.Index + a.Length)..].Trim();
            text = text[..a.Index];
        }
        string? representative = null;
        if (RepresentativeMarker().Match(text) is { Success: true } r)
        {
            representative = r.Groups[1].Value.Trim();
            text = text.Remove(r.Index, r.Length).Insert(r.Index, " ");
        }
        int? birthYear = null;
        if (AgeInEntry().Match(text) is { Success: true } g && BirthYear(g.Groups[1].Success ? g.Groups[1].Value : g.Groups[2].Value, year) is { } y)
        {
            birthYear = y;
            text = text.Remove(g.Index, g.Length).Insert(g.Index, " ");
        }
        PartySex? sex = null;
        if (SexInEntry().Match(text) is { Success: true } s)
        {
            sex = s.Groups[1].Value.ToLowerInvariant() is "男" or "male" ? PartySex.Male : PartySex.Female;
            text = text.Remove(s.Index, s.Length).Insert(s.Index, " ");
        }
        // What is left ends with the phone, if any: a trailing run of digits (a wrong one is caught by the validation).
        text = text.Trim();
        string? phone = null;
        if (TrailingPhone().Match(text) is { Success: true } p && text[..p.Index].Trim().Length > 0)
        {
            phone = MediationValidator.NormalizePhone(p.Groups[1].Value);
            text = text[..p.Index];
        }
        var name = Spaces().Replace(text, " ").Trim().TrimEnd(':', ':').Trim();
        return new MediationParty(name, phone)
        {
            Kind = representative is null ? PartyKind.Person : PartyKind.Organisation,
            Representative = representative,
            Sex = representative is null ? sex : null,
            BirthYear = representative is null ? birthYear : null,
            Address = string.IsNullOrWhiteSpace(address) ? null : address,
        };
    }

    [GeneratedRegex(@"^(\d{4}|\d{1,3})\s*(?:年|年生|年出生|岁|周岁)?$")]
    private static partial Regex BirthPattern();

    [GeneratedRegex(@"(?:^|\s)(?:住址|地址|住|address)\s*[::]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AddressMarker();

    [GeneratedRegex(@"\s*[::]?\s*([+\d][\d\- ]{2,})$")]
    private static partial Regex TrailingPhone();

    [GeneratedRegex(@"(?:法定代表人|代表人|负责人|representative|rep)\s*[::]?\s*(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex RepresentativeMarker();

    [GeneratedRegex(@"(?:^|\s)((?:19|20)\d{2}\s*(?:年生|年出生|年)?|\d{1,3}\s*(?:岁|周岁))(?=\s|$)|(?:^|\s)(?:age|aged|born)\s+(\d{1,4})(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeInEntry();

    [GeneratedRegex(@"(?:^|\s)(男|女|male|female)(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SexInEntry();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
