namespace DetectionKit.Tooling.Documentation;

/// <summary>One public type of the rule API.</summary>
/// <param name="Name">The name scripts write, <c>CloudTrailEvent</c> (<c>Outer.Inner</c> for a nested type).</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Declaration">The declaration as C#, <c>public sealed class CloudTrailEvent</c>.</param>
/// <param name="Doc">Its doc comment.</param>
/// <param name="Members">Its public members: constructors, enum values and fields, properties, methods, operators, each group in declaration order.</param>
public sealed record RuleApiType(string Name, string Namespace, string Declaration, RuleApiDoc Doc, IReadOnlyList<RuleApiMember> Members);
