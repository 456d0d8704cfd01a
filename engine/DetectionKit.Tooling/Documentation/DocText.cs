namespace DetectionKit.Tooling.Documentation;

/// <summary>
/// The text of one doc-comment tag as spans of prose, code and references, white space already
/// collapsed as a reader sees it: no span starts or ends a paragraph with a space.
/// </summary>
/// <param name="Spans">The spans in order; paragraphs are separated by <see cref="DocSpanKind.ParagraphBreak"/>.</param>
public sealed record DocText(IReadOnlyList<DocSpan> Spans)
{
    /// <summary>No text.</summary>
    public static DocText Empty { get; } = new([]);

    public bool IsEmpty => Spans.Count == 0;
}
