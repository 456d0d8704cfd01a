using DetectionKit.Engine.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Engine.Settings;

/// <summary>The text of a suppression's <c>when</c>: one C# expression, and where it starts in the settings file.</summary>
internal static class WhenExpression
{
    /// <summary>True when the text parses as a single expression and nothing else: it is compiled inside a method of the rule's class, so it must not reach out of it.</summary>
    public static bool IsOneExpression(string text, out string why)
    {
        var expression = SyntaxFactory.ParseExpression(text, options: new CSharpParseOptions(LanguageVersion.Latest), consumeFullText: false);
        if (expression.FullSpan.Length != text.Length)
        {
            why = $"the text goes on after the expression '{expression.ToString().Trim()}'";
            return false;
        }

        if (expression.ContainsDirectives)
        {
            // A #line would move what follows out of the settings file, where the allow-list does not look.
            why = "preprocessor directives (#line, #if, ...) are not allowed in a 'when' expression";
            return false;
        }

        var error = expression.GetDiagnostics().FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        why = error is null ? string.Empty : error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return error is null;
    }

    /// <summary>
    /// Where the expression's first character is, from where its YAML value starts: after the opening
    /// quote of a quoted value, on the line after the indicator of a block value (<c>|</c>, <c>&gt;</c>).
    /// </summary>
    public static SourceLocation Start(IReadOnlyList<string> lines, SourceLocation value)
    {
        var text = value.Line >= 1 && value.Line <= lines.Count ? lines[value.Line - 1] : string.Empty;
        var column = value.Column - 1;
        if (column < 0 || column >= text.Length)
        {
            return value;
        }

        if (text[column] is '"' or '\'')
        {
            return value with { Column = value.Column + 1 };
        }

        if (text[column] is '|' or '>')
        {
            for (var next = value.Line; next < lines.Count; next++)
            {
                var indent = lines[next].Length - lines[next].TrimStart().Length;
                if (lines[next].Trim().Length > 0)
                {
                    return value with { Line = next + 1, Column = indent + 1 };
                }
            }
        }

        return value;
    }
}
