namespace DetectionKit.Tooling.Documentation;

/// <summary>An <c>&lt;exception&gt;</c> tag: the exception a member throws and when.</summary>
/// <param name="Type">The exception type: a <see cref="DocSpanKind.Reference"/>, or <see cref="DocSpanKind.Code"/> when the compiler could not resolve it.</param>
/// <param name="Condition">When it is thrown.</param>
public sealed record RuleApiExceptionDoc(DocSpan Type, DocText Condition);
