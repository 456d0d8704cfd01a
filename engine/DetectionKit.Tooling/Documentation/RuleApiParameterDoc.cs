namespace DetectionKit.Tooling.Documentation;

/// <summary>A <c>&lt;param&gt;</c> or <c>&lt;typeparam&gt;</c> tag.</summary>
/// <param name="Name">The parameter's or type parameter's name.</param>
/// <param name="Text">What the comment says of it.</param>
public sealed record RuleApiParameterDoc(string Name, DocText Text);
