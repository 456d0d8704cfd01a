using System.Text;

namespace DetectionKit.Tooling.Documentation;

/// <summary>
/// Collects spans as the XML gives them and collapses white space the way a reader sees the comment:
/// runs of spaces and line breaks (the comment's own layout) become one space, and paragraphs neither
/// start nor end with one.
/// </summary>
internal sealed class DocTextBuilder
{
    private readonly List<DocSpan> spans = [];

    public void Add(DocSpanKind kind, string text, string? target = null)
    {
        if (kind == DocSpanKind.ParagraphBreak)
        {
            spans.Add(new DocSpan(kind, string.Empty));
            return;
        }

        var collapsed = Collapse(text);
        if (kind == DocSpanKind.Text && spans.Count > 0 && spans[^1].Kind == DocSpanKind.Text)
        {
            spans[^1] = spans[^1] with { Text = Collapse(spans[^1].Text + collapsed) };
            return;
        }

        spans.Add(new DocSpan(kind, kind == DocSpanKind.Text ? collapsed : collapsed.Trim(), target));
    }

    public DocText Build()
    {
        var result = new List<DocSpan>();
        foreach (var paragraph in Paragraphs())
        {
            if (result.Count > 0)
            {
                result.Add(new DocSpan(DocSpanKind.ParagraphBreak, string.Empty));
            }

            result.AddRange(paragraph);
        }

        return result.Count == 0 ? DocText.Empty : new DocText(result);
    }

    private IEnumerable<List<DocSpan>> Paragraphs()
    {
        var paragraph = new List<DocSpan>();
        foreach (var span in spans.Append(new DocSpan(DocSpanKind.ParagraphBreak, string.Empty)))
        {
            if (span.Kind != DocSpanKind.ParagraphBreak)
            {
                paragraph.Add(span);
                continue;
            }

            var trimmed = Trim(paragraph);
            if (trimmed.Count > 0)
            {
                yield return trimmed;
            }

            paragraph = [];
        }
    }

    private static List<DocSpan> Trim(List<DocSpan> paragraph)
    {
        var trimmed = paragraph.ToList();
        if (trimmed.Count > 0 && trimmed[0].Kind == DocSpanKind.Text)
        {
            trimmed[0] = trimmed[0] with { Text = trimmed[0].Text.TrimStart() };
        }

        if (trimmed.Count > 0 && trimmed[^1].Kind == DocSpanKind.Text)
        {
            trimmed[^1] = trimmed[^1] with { Text = trimmed[^1].Text.TrimEnd() };
        }

        trimmed.RemoveAll(span => span.Text.Length == 0);
        return trimmed;
    }

    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                result.Append(c);
            }
            else if (result.Length == 0 || result[^1] != ' ')
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }
}
