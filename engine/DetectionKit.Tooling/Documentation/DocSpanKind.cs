namespace DetectionKit.Tooling.Documentation;

/// <summary>Kinds of doc-comment text.</summary>
public enum DocSpanKind
{
    /// <summary>Prose.</summary>
    Text,

    /// <summary><c>&lt;c&gt;</c>, <c>&lt;paramref&gt;</c>, <c>&lt;see langword&gt;</c>: code.</summary>
    Code,

    /// <summary><c>&lt;em&gt;</c>, <c>&lt;i&gt;</c>.</summary>
    Emphasis,

    /// <summary><c>&lt;see cref&gt;</c> without text of its own: the symbol's name, shown as code.</summary>
    Reference,

    /// <summary><c>&lt;see cref&gt;text&lt;/see&gt;</c>: the comment's wording, linked to the symbol.</summary>
    Link,

    /// <summary>Between two <c>&lt;para&gt;</c> blocks.</summary>
    ParagraphBreak,
}
