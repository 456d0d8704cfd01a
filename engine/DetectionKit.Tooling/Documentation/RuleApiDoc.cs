namespace DetectionKit.Tooling.Documentation;

/// <summary>A doc comment, tag by tag; a tag the comment lacks is empty.</summary>
/// <param name="Summary"><c>&lt;summary&gt;</c>.</param>
/// <param name="Remarks"><c>&lt;remarks&gt;</c>.</param>
/// <param name="TypeParameters"><c>&lt;typeparam&gt;</c> tags, in the order written.</param>
/// <param name="Parameters"><c>&lt;param&gt;</c> tags, in the order written.</param>
/// <param name="Returns"><c>&lt;returns&gt;</c>.</param>
/// <param name="Exceptions"><c>&lt;exception&gt;</c> tags, in the order written.</param>
public sealed record RuleApiDoc(
    DocText Summary,
    DocText Remarks,
    IReadOnlyList<RuleApiParameterDoc> TypeParameters,
    IReadOnlyList<RuleApiParameterDoc> Parameters,
    DocText Returns,
    IReadOnlyList<RuleApiExceptionDoc> Exceptions)
{
    /// <summary>No doc comment at all.</summary>
    public static RuleApiDoc Empty { get; } = new(DocText.Empty, DocText.Empty, [], [], DocText.Empty, []);
}
