using System.Globalization;
using DetectionKit.Engine.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using CodeSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Reads the text of a hunt option as C# with the compiler's own parser: one expression
/// (<c>--where</c>), or a comma-separated list of them (<c>--select</c>, <c>--count-by</c>), read as
/// an argument list so that a comma inside parentheses, a string, a generic or a lambda stays where it
/// belongs. Anything that is not exactly that is reported at its column (<c>DK8001</c>).
/// </summary>
public static class QueryExpressions
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The option's text as one expression; null, with a problem, when it is not one.</summary>
    public static QueryExpression? ParseOne(string option, string text, ICollection<Diagnostic> problems)
    {
        if (Empty(option, text, problems))
        {
            return null;
        }

        var expression = SyntaxFactory.ParseExpression(text, options: ParseOptions, consumeFullText: false);
        if ((FirstError(expression, 0) ?? FirstDirective(expression, 0)) is { } error)
        {
            problems.Add(Problem(option, text, error.Position, error.Message));
            return null;
        }

        if (expression.FullSpan.End < text.Length)
        {
            var rest = expression.FullSpan.End;
            var hint = text[rest] == ',' ? $" (one expression only: join tests with && or ||{(option == "--where" ? ", and pick columns with --select" : string.Empty)})" : string.Empty;
            problems.Add(Problem(option, text, rest, $"the text goes on after the expression '{expression.ToString().Trim()}'{hint}"));
            return null;
        }

        return Expression(option, text, expression.Span);
    }

    /// <summary>The option's text as a comma-separated list of expressions; empty, with problems, when it is not one.</summary>
    public static IReadOnlyList<QueryExpression> ParseList(string option, string text, ICollection<Diagnostic> problems)
    {
        if (Empty(option, text, problems))
        {
            return [];
        }

        // Read as the arguments of a call: the parser then knows which commas separate them.
        var list = SyntaxFactory.ParseArgumentList("(" + text + ")", options: ParseOptions, consumeFullText: false);
        if ((FirstError(list, 1) ?? FirstDirective(list, 1)) is { } error)
        {
            problems.Add(Problem(option, text, Math.Clamp(error.Position, 0, text.Length), error.Message));
            return [];
        }

        if (list.FullSpan.End < text.Length + 2)
        {
            problems.Add(Problem(option, text, Math.Clamp(list.FullSpan.End - 1, 0, text.Length), "the list of expressions ends before this"));
            return [];
        }

        var found = new List<QueryExpression>();
        foreach (var argument in list.Arguments)
        {
            if (argument.NameColon is not null || argument.RefKindKeyword.RawKind != 0)
            {
                var start = argument.NameColon?.SpanStart ?? argument.RefKindKeyword.SpanStart;
                problems.Add(Problem(option, text, start - 1, "write each column as an expression alone, without a name or ref, out or in before it"));
                return [];
            }

            found.Add(Expression(option, text, new TextSpan(argument.Expression.SpanStart - 1, argument.Expression.Span.Length)));
        }

        return found;
    }

    private static bool Empty(string option, string text, ICollection<Diagnostic> problems)
    {
        if (text.Trim().Length > 0)
        {
            return false;
        }

        problems.Add(Diagnostic.Error(DiagnosticCodes.HuntExpressionSyntax, new SourceLocation(option, 1, 1), $"{option} is empty: write a C# expression over the record e, such as e.EventName == \"GetSecretValue\""));
        return true;
    }

    /// <summary>The parser's first error, at its position in the option's text (the parsed text starts <paramref name="shift"/> characters before it).</summary>
    private static (int Position, string Message)? FirstError(CSharpSyntaxNode node, int shift) =>
        node.GetDiagnostics().Where(d => d.Severity == CodeSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault() is { } error
            ? (error.Location.SourceSpan.Start - shift, $"{error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}")
            : null;

    /// <summary>
    /// A preprocessor directive inside the text: <c>#line</c> would move what follows out of the option,
    /// where the allow-list does not look, and the others have no business in an expression either.
    /// </summary>
    private static (int Position, string Message)? FirstDirective(CSharpSyntaxNode node, int shift) =>
        node.ContainsDirectives && node.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsDirective).Select(t => (int?)t.SpanStart).FirstOrDefault() is { } start
            ? (start - shift, "preprocessor directives (#line, #if, #pragma, ...) are not allowed in an expression")
            : null;

    private static QueryExpression Expression(string option, string text, TextSpan span)
    {
        var (line, column) = LineAndColumn(text, span.Start);
        return new QueryExpression(option, text.Substring(span.Start, span.Length), line, column);
    }

    private static Diagnostic Problem(string option, string text, int position, string message)
    {
        var (line, column) = LineAndColumn(text, position);
        return Diagnostic.Error(DiagnosticCodes.HuntExpressionSyntax, new SourceLocation(option, line, column), message);
    }

    private static (int Line, int Column) LineAndColumn(string text, int position)
    {
        position = Math.Clamp(position, 0, text.Length);
        var line = 1;
        var start = 0;
        for (var i = 0; i < position; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, position - start + 1);
    }
}
