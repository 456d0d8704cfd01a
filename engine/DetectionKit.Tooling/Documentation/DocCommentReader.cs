using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace DetectionKit.Tooling.Documentation;

/// <summary>
/// Turns the XML documentation the compiler wrote for an assembly into <see cref="RuleApiDoc"/>s, resolving
/// <c>&lt;see cref&gt;</c> and <c>&lt;inheritdoc cref&gt;</c> against the assembly's symbols. Only the tags the
/// reference can render are accepted; any other is an error that names the member and the tag, so a
/// comment never loses text silently.
/// </summary>
internal sealed class DocCommentReader(Compilation compilation, IReadOnlyDictionary<string, XElement> members, Func<INamedTypeSymbol, string?> documentedName)
{
    private static readonly HashSet<string> BlockTags = ["summary", "remarks", "typeparam", "param", "returns", "exception", "inheritdoc"];

    /// <summary>Reads the documentation file's <c>&lt;member name="T:..."&gt;</c> elements by id.</summary>
    public static Dictionary<string, XElement> Members(XDocument documentation) =>
        documentation.Descendants("member")
            .Where(member => member.Attribute("name") is not null)
            .ToDictionary(member => member.Attribute("name")!.Value, StringComparer.Ordinal);

    public RuleApiDoc Read(ISymbol symbol)
    {
        var id = symbol.GetDocumentationCommentId();
        if (id is null || !members.TryGetValue(id, out var member))
        {
            return RuleApiDoc.Empty;
        }

        var comment = Expand(member, id, 0);
        var from = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        return new RuleApiDoc(
            Text(comment.Element("summary"), from, id),
            Text(comment.Element("remarks"), from, id),
            Parameters(comment, "typeparam", from, id),
            Parameters(comment, "param", from, id),
            Text(comment.Element("returns"), from, id),
            comment.Elements("exception").Select(exception => new RuleApiExceptionDoc(Reference(Cref(exception, id), from), Text(exception, from, id))).ToList());
    }

    private List<RuleApiParameterDoc> Parameters(XElement comment, string tag, INamedTypeSymbol? from, string id) =>
        comment.Elements(tag).Select(parameter => new RuleApiParameterDoc(parameter.Attribute("name")?.Value ?? string.Empty, Text(parameter, from, id))).ToList();

    /// <summary>
    /// Fills in what <c>&lt;inheritdoc cref="..."/&gt;</c> names: every tag the comment does not write itself.
    /// Without a cref it would mean a base member's comment, which lies outside this assembly's file.
    /// </summary>
    private XElement Expand(XElement member, string id, int depth)
    {
        foreach (var tag in member.Elements().Where(tag => !BlockTags.Contains(tag.Name.LocalName)))
        {
            throw Unsupported(id, $"<{tag.Name.LocalName}> is not rendered in the rule-API reference; use {string.Join(", ", BlockTags.Select(t => $"<{t}>"))}");
        }

        if (member.Element("inheritdoc") is not { } inherit)
        {
            return member;
        }

        var cref = inherit.Attribute("cref")?.Value
            ?? throw Unsupported(id, "<inheritdoc/> needs a cref here: name the member whose comment to copy, <inheritdoc cref=\"Member\"/>");
        if (depth > 8 || !members.TryGetValue(cref, out var source))
        {
            throw Unsupported(id, $"<inheritdoc cref=\"{cref}\"/> names no documented member of this assembly");
        }

        var own = new XElement("member", member.Elements().Where(tag => tag.Name.LocalName != "inheritdoc"));
        foreach (var tag in Expand(source, cref, depth + 1).Elements())
        {
            var written = tag.Name.LocalName switch
            {
                "param" or "typeparam" => own.Elements(tag.Name).Any(p => p.Attribute("name")?.Value == tag.Attribute("name")?.Value),
                "exception" => own.Elements("exception").Any(e => e.Attribute("cref")?.Value == tag.Attribute("cref")?.Value),
                _ => own.Element(tag.Name) is not null,
            };
            if (!written)
            {
                own.Add(tag);
            }
        }

        return own;
    }

    private DocText Text(XElement? tag, INamedTypeSymbol? from, string id)
    {
        if (tag is null)
        {
            return DocText.Empty;
        }

        var text = new DocTextBuilder();
        Inline(tag, text, from, id);
        return text.Build();
    }

    private void Inline(XElement container, DocTextBuilder text, INamedTypeSymbol? from, string id)
    {
        foreach (var node in container.Nodes())
        {
            if (node is XText plain)
            {
                text.Add(DocSpanKind.Text, plain.Value);
                continue;
            }

            if (node is not XElement element)
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "c":
                    text.Add(DocSpanKind.Code, element.Value);
                    break;
                case "paramref" or "typeparamref":
                    text.Add(DocSpanKind.Code, element.Attribute("name")?.Value ?? string.Empty);
                    break;
                case "see" when element.Attribute("langword") is { } langword:
                    text.Add(DocSpanKind.Code, langword.Value);
                    break;
                case "see" when element.Attribute("cref") is not null:
                    var reference = Reference(Cref(element, id), from);
                    if (element.Value.Trim().Length > 0)
                    {
                        text.Add(DocSpanKind.Link, element.Value, reference.Target);
                    }
                    else
                    {
                        text.Add(reference.Kind, reference.Text, reference.Target);
                    }

                    break;
                case "em" or "i":
                    text.Add(DocSpanKind.Emphasis, element.Value);
                    break;
                case "para":
                    text.Add(DocSpanKind.ParagraphBreak, string.Empty);
                    Inline(element, text, from, id);
                    text.Add(DocSpanKind.ParagraphBreak, string.Empty);
                    break;
                default:
                    throw Unsupported(id, $"<{element.Name.LocalName}> is not rendered in the rule-API reference; use <c>, <see cref>, <see langword>, <paramref>, <em> or <para>");
            }
        }
    }

    private static string Cref(XElement element, string id) =>
        element.Attribute("cref")?.Value ?? throw Unsupported(id, $"<{element.Name.LocalName}> needs a cref");

    /// <summary>A reference to a symbol, linked to its type's section when that type is part of the rule API.</summary>
    private DocSpan Reference(string cref, INamedTypeSymbol? from)
    {
        // The compiler writes "!:Name" for a cref it could not resolve (and warns, CS1574).
        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(cref, compilation) is not { } symbol)
        {
            return new DocSpan(DocSpanKind.Code, cref[(cref.IndexOf(':') + 1)..]);
        }

        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        return new DocSpan(DocSpanKind.Reference, SymbolText.Reference(symbol, from), type is null ? null : documentedName(type));
    }

    private static InvalidOperationException Unsupported(string id, string problem) => new($"{id}: {problem}");
}
