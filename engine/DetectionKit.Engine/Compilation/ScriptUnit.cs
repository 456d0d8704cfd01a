using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// One rule script turned into a class of the shared compilation. The script's text is kept
/// byte for byte under <c>#line</c> directives, so every compiler message and stack frame points at
/// the line and column the author wrote.
/// </summary>
internal sealed class ScriptUnit
{
    public const string ClassName = "__DetectionKitRule";

    private ScriptUnit(RuleDefinition rule, string typeName, SyntaxTree tree, string text)
    {
        Text = text;
        Rule = rule;
        TypeName = typeName;
        Tree = tree;
    }

    public RuleDefinition Rule { get; }

    /// <summary>The script as its author wrote it.</summary>
    public string Text { get; }

    /// <summary>Metadata name of the generated class.</summary>
    public string TypeName { get; }

    public SyntaxTree Tree { get; }

    /// <summary>Wraps the script, or returns null (with diagnostics) when it uses something refused.</summary>
    public static ScriptUnit? Create(RuleDefinition rule, string scriptText, int index, ICollection<Diagnostic> diagnostics)
    {
        var path = rule.ScriptPath;
        var script = CSharpSyntaxTree.ParseText(scriptText, ScriptParseOptions, path);
        var root = (CompilationUnitSyntax)script.GetRoot();
        var refused = false;
        foreach (var directive in root.GetReferenceDirectives().Cast<DirectiveTriviaSyntax>().Concat(root.GetLoadDirectives()))
        {
            if (directive is ReferenceDirectiveTriviaSyntax or LoadDirectiveTriviaSyntax)
            {
                var keyword = directive is ReferenceDirectiveTriviaSyntax ? "#r" : "#load";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DirectiveRefused, Locate(script, directive.Span, path), $"{keyword} is not allowed in rule scripts: rules run against the engine's fixed references; move shared code into the engine's event helpers", rule.Id));
                refused = true;
            }
        }

        foreach (var statement in root.Members.OfType<GlobalStatementSyntax>())
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TopLevelStatement, Locate(script, statement.Span, path), "a rule script declares functions (bool Rule(CloudTrailEvent e), ...) and fields, not top-level statements; move this into a function", rule.Id));
            refused = true;
        }

        if (refused)
        {
            return null;
        }

        var ns = $"DetectionKit.Rules.Generated.R{index:D4}";
        var text = Generate(ns, path, scriptText, root.Usings);
        var tree = CSharpSyntaxTree.ParseText(text, CompilationParseOptions, path: $"{path}.g.cs", encoding: Encoding.UTF8);
        return new ScriptUnit(rule, $"{ns}.{ClassName}", tree, scriptText);
    }

    public static CSharpParseOptions CompilationParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    private static CSharpParseOptions ScriptParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private static string Generate(string ns, string path, string scriptText, SyntaxList<UsingDirectiveSyntax> usings)
    {
        var quoted = Quote(path);
        var body = new StringBuilder(scriptText);
        var builder = new StringBuilder(scriptText.Length + 512);
        var lineStarts = LineStarts(scriptText);
        foreach (var directive in usings)
        {
            // Hoisted with its own #line so its errors keep their position; blanked in the body.
            var start = directive.Span.Start;
            var found = Array.BinarySearch(lineStarts, start);
            var line = found >= 0 ? found : ~found - 1;
            var column = start - lineStarts[line];
            builder.Append("#line ").Append(line + 1).Append(" \"").Append(quoted).Append("\"\n");
            builder.Append(' ', column).Append(scriptText, start, directive.Span.Length).Append('\n');
            for (var i = directive.Span.Start; i < directive.Span.End; i++)
            {
                if (body[i] is not ('\n' or '\r'))
                {
                    body[i] = ' ';
                }
            }
        }

        builder.Append("#line hidden\n");
        builder.Append("namespace ").Append(ns).Append("\n{\n");
        builder.Append("internal sealed class ").Append(ClassName).Append("\n{\n");
        builder.Append("#line 1 \"").Append(quoted).Append("\"\n");
        builder.Append(body);
        builder.Append("\n#line hidden\n}\n}\n");
        return builder.ToString();
    }

    /// <summary>A path as a C# string literal's contents, for <c>#line</c>.</summary>
    public static string Quote(string path) =>
        path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static SourceLocation Locate(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, string path)
    {
        var position = tree.GetLineSpan(span).StartLinePosition;
        return new SourceLocation(path, position.Line + 1, position.Character + 1);
    }
}
