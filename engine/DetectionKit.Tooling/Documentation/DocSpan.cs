namespace DetectionKit.Tooling.Documentation;

/// <summary>A run of doc-comment text of one kind.</summary>
/// <param name="Kind">Prose, code, a reference, emphasis or a paragraph break.</param>
/// <param name="Text">The text; for a reference, the referenced symbol's name or the comment's own wording.</param>
/// <param name="Target">For references: the rule-API type that declares the referenced symbol (or is it); null for symbols outside the rule API.</param>
public sealed record DocSpan(DocSpanKind Kind, string Text, string? Target = null);
