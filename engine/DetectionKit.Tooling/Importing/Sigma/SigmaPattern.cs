using System.Text;
using System.Text.RegularExpressions;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// A Sigma string value read for its wildcards: <c>*</c> any run of characters, <c>?</c> any one
/// character, <c>\</c> escaping <c>*</c>, <c>?</c> and itself (a backslash before anything else is
/// a backslash), as the specification's "Escape Character" section says.
/// </summary>
internal sealed record SigmaPattern(IReadOnlyList<SigmaPattern.Part> Parts)
{
    /// <summary>Dashes the <c>windash</c> modifier makes interchangeable: hyphen, slash, en dash, em dash, horizontal bar.</summary>
    public static IReadOnlyList<char> Dashes { get; } = ['-', '/', '\u2013', '\u2014', '\u2015'];

    public static SigmaPattern Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(text[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush(parts, literal);
                parts.Add(c == '*' ? Part.Star : Part.One);
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(parts, literal);
        return new SigmaPattern(parts);
    }

    public static SigmaPattern Literal(string text) => new(text.Length == 0 ? [] : [new Part(text)]);

    /// <summary>The text, when the value has no wildcard.</summary>
    public string? LiteralText => Parts.All(p => p.Text is not null) ? string.Concat(Parts.Select(p => p.Text)) : null;

    public SigmaPattern WithStarBefore() => new([Part.Star, .. Parts]);

    public SigmaPattern WithStarAfter() => new([.. Parts, Part.Star]);

    /// <summary>Every way of writing each dash of the literal text with each of <see cref="Dashes"/>.</summary>
    public IEnumerable<SigmaPattern> Windash()
    {
        IEnumerable<List<Part>> variants = [[]];
        foreach (var part in Parts)
        {
            if (part.Text is null)
            {
                variants = variants.Select(v => (List<Part>)[.. v, part]);
                continue;
            }

            IEnumerable<string> texts = [string.Empty];
            foreach (var c in part.Text)
            {
                var choices = Dashes.Contains(c) ? Dashes : [c];
                texts = texts.SelectMany(t => choices.Select(choice => t + choice));
            }

            var list = texts.ToList();
            variants = variants.SelectMany(v => list.Select(t => (List<Part>)[.. v, new Part(t)]));
        }

        return variants.Select(v => new SigmaPattern(Merge(v)));
    }

    /// <summary>The parts with adjacent literals joined and runs of <c>*</c> made one.</summary>
    public IReadOnlyList<Part> Normalised => Merge(Parts);

    /// <summary>A .NET regular expression matching the whole text as the pattern does.</summary>
    public string ToRegex()
    {
        var regex = new StringBuilder(@"\A");
        foreach (var part in Normalised)
        {
            regex.Append(part.Text is { } text ? Regex.Escape(text) : part.IsStar ? ".*" : ".");
        }

        return regex.Append(@"\z").ToString();
    }

    private static List<Part> Merge(IEnumerable<Part> parts)
    {
        var merged = new List<Part>();
        foreach (var part in parts)
        {
            if (part.Text is { } text && merged.Count > 0 && merged[^1].Text is { } previous)
            {
                merged[^1] = new Part(previous + text);
            }
            else if (part.IsStar && merged.Count > 0 && merged[^1].IsStar)
            {
                continue;
            }
            else if (part.Text is not { Length: 0 })
            {
                merged.Add(part);
            }
        }

        return merged;
    }

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString()));
            literal.Clear();
        }
    }

    /// <summary>Literal text, or (when <see cref="Text"/> is null) a wildcard: <see cref="IsStar"/> or any one character.</summary>
    internal sealed record Part(string? Text, bool IsStar = false)
    {
        public static Part Star { get; } = new(null, true);

        public static Part One { get; } = new(null, false);
    }
}
