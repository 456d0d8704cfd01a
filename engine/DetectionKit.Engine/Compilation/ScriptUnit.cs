using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// One script turned into a class of the shared compilation: a rule's script becomes a sealed class
/// whose functions the engine binds; a shared library file (<c>rules/_lib/*.csx</c>) becomes a static
/// class that the scripts which <c>#load</c> it import with <c>using static</c>. The script's text is
/// kept byte for byte under <c>#line</c> directives (directives it may not keep are blanked, never
/// removed), so every compiler message and stack frame points at the line and column the author wrote.
/// </summary>
internal sealed class ScriptUnit
{
    public const string ClassName = "__DetectionKitRule";
    public const string LibraryFolder = "_lib";

    private const string RulesNamespace = "DetectionKit.Rules.Generated";

    private ScriptUnit(string path, RuleDefinition? rule, string typeName, string text, IReadOnlyList<(string Path, SourceLocation At)> loads)
    {
        Path = path;
        Rule = rule;
        TypeName = typeName;
        Text = text;
        Loads = loads;
    }

    /// <summary>Full path of the script file.</summary>
    public string Path { get; }

    /// <summary>The rule whose script this is; null for a shared library file.</summary>
    public RuleDefinition? Rule { get; }

    public bool IsLibrary => Rule is null;

    /// <summary>For diagnostics: the rule's id, or none for a library.</summary>
    public string? RuleId => Rule?.Id;

    /// <summary>The script as its author wrote it.</summary>
    public string Text { get; }

    /// <summary>Metadata name of the generated class.</summary>
    public string TypeName { get; }

    /// <summary>The library files this script names with <c>#load</c>, full paths, with where each is named.</summary>
    public IReadOnlyList<(string Path, SourceLocation At)> Loads { get; }

    public SyntaxTree Tree { get; private set; } = null!;

    /// <summary>An organisation's suppressions of the rule; their <c>when</c> expressions are compiled into its class (see <see cref="SuppressionCode"/>).</summary>
    public IReadOnlyList<RuleSuppression> Suppressions { get; set; } = [];

    /// <summary>The settings files the class holds code of, beside the script: where their compiler messages point.</summary>
    public IEnumerable<string> SettingsPaths => Suppressions.Where(s => s.When is not null).Select(s => SuppressionCode.SourceOf(s).Path).Distinct(StringComparer.Ordinal);

    public static CSharpParseOptions CompilationParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    private static CSharpParseOptions ScriptParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Reads a rule's script (null, with diagnostics, when it cannot be read or uses something refused).</summary>
    public static ScriptUnit? ForRule(RuleDefinition rule, int index, ICollection<Diagnostic> diagnostics) =>
        Read(rule.ScriptPath, rule, rule.RulesRoot, $"{RulesNamespace}.R{index:D4}.{ClassName}", diagnostics);

    /// <summary>Reads a shared library file of the rules root.</summary>
    public static ScriptUnit? ForLibrary(string path, string rulesRoot, int index, ICollection<Diagnostic> diagnostics) =>
        Read(path, null, rulesRoot, $"{RulesNamespace}.Lib.L{index:D4}", diagnostics);

    /// <summary>Builds the tree once every unit's class name is known (a script imports the libraries it loads by name).</summary>
    public void Generate(IReadOnlyDictionary<string, ScriptUnit> libraries, IEnumerable<ScriptUnit> imported)
    {
        var script = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(Text, ScriptParseOptions, Path).GetRoot();
        var text = Wrap(script.Usings, script.GetLoadDirectives(), IsLibrary ? Unmodified(script) : [], imported.Select(l => l.TypeName));
        Tree = CSharpSyntaxTree.ParseText(text, CompilationParseOptions, path: $"{Path}.g.cs", encoding: Encoding.UTF8);
    }

    /// <summary>A path as a C# string literal's contents, for <c>#line</c>.</summary>
    public static string Quote(string path) =>
        path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static ScriptUnit? Read(string path, RuleDefinition? rule, string rulesRoot, string typeName, ICollection<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ScriptMissing, new SourceLocation(path), $"cannot read the script: {ex.Message}", rule?.Id));
            return null;
        }

        var script = CSharpSyntaxTree.ParseText(text, ScriptParseOptions, path);
        var root = (CompilationUnitSyntax)script.GetRoot();
        var refused = false;
        void Refuse(string code, SyntaxNode node, string message)
        {
            diagnostics.Add(Diagnostic.Error(code, Locate(script, node.Span, path), message, rule?.Id));
            refused = true;
        }

        foreach (var directive in root.GetReferenceDirectives())
        {
            Refuse(DiagnosticCodes.DirectiveRefused, directive, "#r is not allowed in rule scripts: rules compile against the rule API and an allow-list of the framework, nothing else");
        }

        var loads = new List<(string, SourceLocation)>();
        var libraryRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(rulesRoot, LibraryFolder)) + System.IO.Path.DirectorySeparatorChar;
        foreach (var directive in root.GetLoadDirectives())
        {
            var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, directive.File.ValueText));
            if (!target.StartsWith(libraryRoot, StringComparison.Ordinal) || !target.EndsWith(".csx", StringComparison.Ordinal))
            {
                Refuse(DiagnosticCodes.DirectiveRefused, directive, $"#load may only name a shared library file under the rules folder's {LibraryFolder}/ (such as \"{RelativeToScript(path, libraryRoot)}helpers.csx\"); '{directive.File.ValueText}' is not one");
            }
            else if (!File.Exists(target))
            {
                Refuse(DiagnosticCodes.DirectiveRefused, directive, $"#load names {Relative(target)}, which does not exist");
            }
            else
            {
                loads.Add((target, Locate(script, directive.Span, path)));
            }
        }

        foreach (var statement in root.Members.OfType<GlobalStatementSyntax>())
        {
            Refuse(DiagnosticCodes.TopLevelStatement, statement, rule is null
                ? "a shared library declares static functions, fields and types, not top-level statements; move this into a function"
                : "a rule script declares functions (bool Rule(CloudTrailEvent e), ...) and fields, not top-level statements; move this into a function");
        }

        if (rule is null)
        {
            foreach (var member in root.Members.Where(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax))
            {
                if (!member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword)))
                {
                    Refuse(DiagnosticCodes.LibraryMemberNotStatic, member, "functions, properties and fields of a shared library are 'static' (a library has no instance, and keeps no state): add 'static'");
                }
                else if (member is MethodDeclarationSyntax { ParameterList.Parameters: [var first, ..] } && first.Modifiers.Any(m => m.IsKind(SyntaxKind.ThisKeyword)))
                {
                    Refuse(DiagnosticCodes.LibraryMemberNotStatic, member, "extension methods cannot be declared in a .csx file (editors treat it as a script, where they are not allowed): make it a plain function taking the value as its first argument");
                }
            }
        }

        return refused ? null : new ScriptUnit(System.IO.Path.GetFullPath(path), rule, typeName, text, loads);
    }

    /// <summary>
    /// Where a library's top-level members that name no accessibility start: in a script they are
    /// visible to whoever loads it, in the generated class they would be private, so they are made
    /// <c>internal</c> (on a hidden line of their own, so that no column moves).
    /// </summary>
    private static List<int> Unmodified(CompilationUnitSyntax script) =>
        script.Members
            .Where(m => m is not GlobalStatementSyntax && !m.Modifiers.Any(t => t.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword))
            .Select(m => m.Modifiers.Count > 0 ? m.Modifiers[0].SpanStart : m.ChildNodesAndTokens().First(c => !c.IsKind(SyntaxKind.AttributeList)).SpanStart)
            .ToList();

    private string Wrap(SyntaxList<UsingDirectiveSyntax> usings, IEnumerable<LoadDirectiveTriviaSyntax> loads, IReadOnlyList<int> internalAt, IEnumerable<string> imports)
    {
        var quoted = Quote(Path);
        var body = new StringBuilder(Text);
        var builder = new StringBuilder(Text.Length + 512);
        var lineStarts = LineStarts(Text);
        foreach (var directive in usings)
        {
            // Hoisted with its own #line so its errors keep their position; blanked in the body.
            var start = directive.Span.Start;
            var found = Array.BinarySearch(lineStarts, start);
            var line = found >= 0 ? found : ~found - 1;
            var column = start - lineStarts[line];
            builder.Append("#line ").Append(line + 1).Append(" \"").Append(quoted).Append("\"\n");
            builder.Append(' ', column).Append(Text, start, directive.Span.Length).Append('\n');
            Blank(body, directive.Span);
        }

        foreach (var load in loads)
        {
            Blank(body, load.Span);
        }

        builder.Append("#line hidden\n");
        foreach (var type in imports)
        {
            builder.Append("using static ").Append(type).Append(";\n");
        }

        var dot = TypeName.LastIndexOf('.');
        builder.Append("namespace ").Append(TypeName, 0, dot).Append("\n{\n");
        builder.Append(IsLibrary ? "internal static class " : "internal sealed class ").Append(TypeName, dot + 1, TypeName.Length - dot - 1).Append("\n{\n");
        builder.Append("#line 1 \"").Append(quoted).Append("\"\n");
        var copied = 0;
        foreach (var at in internalAt)
        {
            var search = Array.BinarySearch(lineStarts, at);
            var lineIndex = search >= 0 ? search : ~search - 1;
            var lineStart = lineStarts[lineIndex];
            if (Text.AsSpan(lineStart, at - lineStart).IsWhiteSpace())
            {
                builder.Append(body, copied, lineStart - copied);
                builder.Append("#line hidden\ninternal\n#line ").Append(lineIndex + 1).Append(" \"").Append(quoted).Append("\"\n");
            }
            else
            {
                // Not at the start of its line (after an attribute, say): the word goes in place.
                builder.Append(body, copied, at - copied).Append("internal ");
                lineStart = at;
            }

            copied = lineStart;
        }

        builder.Append(body, copied, body.Length - copied);
        builder.Append("\n#line hidden\n");
        SuppressionCode.Append(builder, Suppressions);
        builder.Append("}\n}\n");
        return builder.ToString();
    }

    private static void Blank(StringBuilder text, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        for (var i = span.Start; i < span.End; i++)
        {
            if (text[i] is not ('\n' or '\r'))
            {
                text[i] = ' ';
            }
        }
    }

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

    private static string RelativeToScript(string scriptPath, string libraryRoot) =>
        System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(scriptPath)!, libraryRoot).Replace('\\', '/').TrimEnd('/') + "/";

    private static string Relative(string path) => System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);

    private static SourceLocation Locate(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, string path)
    {
        var position = tree.GetLineSpan(span).StartLinePosition;
        return new SourceLocation(path, position.Line + 1, position.Character + 1);
    }
}
