using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.PlanTasks;

/// <summary>The 绑定 card (#24): owner names nobody can be @mentioned for, with a member picker to bind one.</summary>
public static class OwnerBindingCards
{
    public const string BindVerb = "tasks.bind";
    public const string OwnerField = "owner";
    public const string PersonField = "person";

    /// <param name="unbound">Owner names of the open tasks not bound to anyone (and no member of that name).</param>
    /// <param name="members">Known members of the workspace: (user key, name).</param>
    /// <param name="bound">Current bindings: (owner name, person's name).</param>
    /// <param name="peoplePicker">Teams: the person field is the people picker (search the organisation).</param>
    public static AdaptiveCard Bind(Lang lang, IReadOnlyList<string> unbound, IReadOnlyList<(string UserKey, string Name)> members,
        IReadOnlyList<(string Owner, string Person)> bound, bool peoplePicker)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T("绑定责任人", "Bind owners")));
        if (bound.Count > 0)
        {
            var facts = new FactSet();
            foreach (var (owner, person) in bound) facts.Add(owner, "→ " + person);
            card.Add(TextBlock.Subtle(lang.T("已绑定:", "Bound:")), facts);
        }
        if (unbound.Count == 0)
        {
            card.Add(new TextBlock(lang.T("所有责任人都已绑定或能直接@到。", "Every owner is bound or can be @mentioned by name.")) { Wrap = true });
            return card;
        }
        card.Add(new TextBlock(lang.T($"以下 {unbound.Count} 个责任人名称还没有对应到群成员,提醒时无法@到本人。选一个名称和对应的人,点“绑定”。",
            $"{unbound.Count} owner name(s) are not bound to a member, so reminders cannot @mention them. Choose a name and the person, then Bind.")) { Wrap = true });
        card.Add(new ChoiceSetInput
        {
            Id = OwnerField, Label = lang.T("责任人名称", "Owner name"), Style = "compact", IsRequired = true, Value = unbound[0],
            ErrorMessage = lang.T("请选择责任人名称", "Choose an owner name"),
            Choices = unbound.Select(n => new Choice(n, n)).ToList(),
        });
        card.Add(new ChoiceSetInput
        {
            Id = PersonField, Label = lang.T("对应的人", "Person"), Style = "compact", IsRequired = true,
            Placeholder = peoplePicker ? lang.T("输入姓名搜索", "Type a name to search") : lang.T("选择群成员", "Choose a member"),
            ErrorMessage = lang.T("请选择对应的人", "Choose the person"),
            Choices = members.Select(m => new Choice(m.Name, m.UserKey)).ToList(),
            ChoicesData = peoplePicker ? new DataQuery() : null,
        });
        card.AddAction(new SubmitAction { Title = lang.T("绑定", "Bind"), Style = "positive", Data = new JsonObject { ["verb"] = BindVerb } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), AssociatedInputs = "none", Data = new JsonObject { ["verb"] = "cancel" } });
        return card;
    }
}
