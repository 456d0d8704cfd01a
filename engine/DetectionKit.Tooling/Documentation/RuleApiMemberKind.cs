namespace DetectionKit.Tooling.Documentation;

/// <summary>Kinds of rule-API members, in the order a type's members are listed.</summary>
public enum RuleApiMemberKind
{
    Constructor,
    Field,
    Property,
    Event,
    Method,
    Operator,
}
