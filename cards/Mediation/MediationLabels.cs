using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>The Chinese and English names of the mediation categories, and the words people may answer with.</summary>
public static class MediationLabels
{
    public static string Of(this Lang lang, MediationSource s) => s switch
    {
        MediationSource.Application => lang.T("当事人申请", "Application by a party"),
        MediationSource.Screening => lang.T("主动调解(排查发现)", "Own initiative (found by screening)"),
        MediationSource.Police => lang.T("公安移交", "Referred by the police"),
        MediationSource.Court => lang.T("法院委托", "Entrusted by a court"),
        MediationSource.Government => lang.T("政府指定", "Assigned by the government"),
        _ => lang.T("其他部门移送", "Referred by another department"),
    };

    /// <summary>The three headings of the monthly statistics: 申请 / 主动 / 委托移送.</summary>
    public static string SourceGroup(this Lang lang, MediationSource s) => s switch
    {
        MediationSource.Application => lang.T("申请", "Application"),
        MediationSource.Screening => lang.T("主动", "Own initiative"),
        _ => lang.T("委托移送", "Entrusted or referred"),
    };

    public static string Of(this Lang lang, PartyKind k) => k == PartyKind.Person ? lang.T("自然人", "Natural person") : lang.T("法人或其他组织", "Organisation");

    public static string Of(this Lang lang, PartySex s) => s == PartySex.Male ? lang.T("男", "Male") : lang.T("女", "Female");

    public static string Of(this Lang lang, Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => lang.T("满意", "Satisfied"),
        Satisfaction.FairlySatisfied => lang.T("基本满意", "Fairly satisfied"),
        _ => lang.T("不满意", "Dissatisfied"),
    };

    public static string Of(this Lang lang, DisputeType t) => t switch
    {
        DisputeType.Family => lang.T("婚姻家庭", "Marriage and family"),
        DisputeType.Neighbour => lang.T("邻里", "Neighbours"),
        DisputeType.HousingLand => lang.T("房屋宅基地", "Housing and homestead"),
        DisputeType.ForestLand => lang.T("山林土地", "Forest and land"),
        DisputeType.Contract => lang.T("合同", "Contract"),
        DisputeType.Business => lang.T("生产经营", "Production and business"),
        DisputeType.Damages => lang.T("损害赔偿", "Damages"),
        DisputeType.Labour => lang.T("劳动争议", "Labour"),
        DisputeType.LandAcquisition => lang.T("征地拆迁", "Land acquisition and demolition"),
        DisputeType.Environment => lang.T("环境污染", "Environmental pollution"),
        DisputeType.Medical => lang.T("医疗", "Medical"),
        DisputeType.Traffic => lang.T("交通事故", "Traffic accident"),
        DisputeType.Property => lang.T("物业", "Property management"),
        _ => lang.T("其他", "Other"),
    };

    public static string Of(this Lang lang, MediationStatus s) => s switch
    {
        MediationStatus.Accepted => lang.T("受理", "Accepted"),
        MediationStatus.InProgress => lang.T("调解中", "In mediation"),
        MediationStatus.Succeeded => lang.T("调解成功", "Settled"),
        MediationStatus.Failed => lang.T("调解不成功", "Not settled"),
        _ => lang.T("已移交", "Referred on"),
    };

    public static string Of(this Lang lang, AgreementForm f) => f == AgreementForm.Oral ? lang.T("口头", "Oral") : lang.T("书面", "Written");

    public static string Of(this Lang lang, Performance p) => p switch
    {
        Performance.Fulfilled => lang.T("已履行", "Fulfilled"),
        Performance.PartlyFulfilled => lang.T("部分履行", "Partly fulfilled"),
        Performance.NotFulfilled => lang.T("未履行", "Not fulfilled"),
        _ => lang.T("不适用", "Not applicable"),
    };

    public static string Of(this Lang lang, AgreementForm? f) => f is { } v ? lang.Of(v) : "—";

    /// <summary>"85.7%" or "—" when nothing was mediated.</summary>
    public static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    public static string Amount(decimal amount) => amount.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Canonical value (the enum name) with the Chinese and English titles and a few synonyms, for prompts and card choices.</summary>
    public static IReadOnlyList<(string Value, string Zh, string En, string[] Synonyms)> Options<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v.ToString(), Title(Lang.Zh, v), Title(Lang.En, v), Synonyms(v))).ToList();

    public static string Title<T>(Lang lang, T value) where T : struct, Enum => value switch
    {
        MediationSource s => lang.Of(s),
        DisputeType t => lang.Of(t),
        MediationStatus s => lang.Of(s),
        AgreementForm f => lang.Of(f),
        Performance p => lang.Of(p),
        Satisfaction s => lang.Of(s),
        PartyKind k => lang.Of(k),
        PartySex s => lang.Of(s),
        _ => value.ToString(),
    };

    private static string[] Synonyms<T>(T value) where T : struct, Enum => value switch
    {
        MediationSource.Application => ["申请", "application", "applied"],
        MediationSource.Screening => ["排查", "主动", "主动调解", "排查发现", "screening", "own initiative"],
        MediationSource.Police => ["公安", "派出所", "police"],
        MediationSource.Court => ["法院", "court"],
        MediationSource.Government => ["政府", "government"],
        MediationSource.OtherDepartment => ["移送", "移交", "其他部门", "referral", "referred", "other department"],
        DisputeType.Family => ["婚姻", "家庭", "婚姻家庭纠纷", "family"],
        DisputeType.Neighbour => ["邻里纠纷", "neighbour", "neighbor"],
        DisputeType.HousingLand => ["宅基地", "房屋", "housing"],
        DisputeType.ForestLand => ["土地", "山林", "land"],
        DisputeType.Contract => ["合同纠纷", "contract"],
        DisputeType.Business => ["经营", "business"],
        DisputeType.Damages => ["赔偿", "damages"],
        DisputeType.Labour => ["劳动", "劳资", "labour", "labor"],
        DisputeType.LandAcquisition => ["拆迁", "征地", "demolition"],
        DisputeType.Environment => ["污染", "环境", "environment"],
        DisputeType.Medical => ["医疗纠纷", "医患", "medical"],
        DisputeType.Traffic => ["交通", "traffic"],
        DisputeType.Property => ["物业纠纷", "property"],
        DisputeType.Other => ["other"],
        MediationStatus.Accepted => ["已受理", "accepted"],
        MediationStatus.InProgress => ["正在调解", "in progress", "mediating"],
        MediationStatus.Succeeded => ["成功", "success", "settled", "succeeded"],
        MediationStatus.Failed => ["不成功", "失败", "failed", "not settled"],
        MediationStatus.Referred => ["移交", "referred", "referred on"],
        AgreementForm.Oral => ["口头协议", "口头调解", "oral"],
        AgreementForm.Written => ["书面协议", "written"],
        Performance.Fulfilled => ["履行", "fulfilled", "done"],
        Performance.PartlyFulfilled => ["部分", "履行中", "正在履行", "partly", "partly fulfilled", "in progress"],
        Performance.NotFulfilled => ["没履行", "not fulfilled"],
        Performance.NotApplicable => ["不适用", "n/a"],
        Satisfaction.Satisfied => ["satisfied"],
        Satisfaction.FairlySatisfied => ["基本", "fairly", "fairly satisfied"],
        Satisfaction.Dissatisfied => ["不满", "dissatisfied", "not satisfied"],
        PartyKind.Person => ["个人", "person"],
        PartyKind.Organisation => ["单位", "法人", "组织", "organisation", "organization", "company"],
        PartySex.Male => ["男性", "m", "male"],
        PartySex.Female => ["女性", "f", "female"],
        _ => [],
    };

    /// <summary>Parses a canonical value, a title in either language or a synonym.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return false;
        foreach (var (v, zh, en, syn) in Options<T>())
            if (string.Equals(t, v, StringComparison.OrdinalIgnoreCase) || t == zh || string.Equals(t, en, StringComparison.OrdinalIgnoreCase)
                || syn.Any(s => string.Equals(s, t, StringComparison.OrdinalIgnoreCase)))
                return Enum.TryParse(v, out value);
        return false;
    }
}
