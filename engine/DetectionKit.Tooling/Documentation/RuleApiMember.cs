namespace DetectionKit.Tooling.Documentation;

/// <summary>One public member of a rule-API type.</summary>
/// <param name="Name">The member's name (the type's name for a constructor).</param>
/// <param name="Kind">What kind of member it is.</param>
/// <param name="Signature">Its C# signature with nullable annotations, without the <c>public</c>: <c>static Arn? Parse(string? text)</c>.</param>
/// <param name="Doc">Its doc comment.</param>
public sealed record RuleApiMember(string Name, RuleApiMemberKind Kind, string Signature, RuleApiDoc Doc);
