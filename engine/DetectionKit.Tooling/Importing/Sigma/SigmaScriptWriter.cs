using System.Text;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Writes the script of an imported rule: <c>Rule</c> is the Sigma condition over one static
/// function per search identifier it uses (<c>selection_status_null</c> → <c>SelectionStatusNull</c>),
/// each the search's field tests, in the order the Sigma file writes them.
/// </summary>
internal static class SigmaScriptWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "Rule", "Title", "Dedup", "Severity", "AlertContext" };

    public static string Write(SigmaRule rule, ScriptTerm body, IReadOnlyDictionary<string, ScriptTerm> searches, SigmaMatch match)
    {
        var functions = FunctionNames(rule.Searches.Select(s => s.Name).Where(searches.ContainsKey));
        var called = Called(body).ToHashSet(StringComparer.Ordinal);
        var script = new StringBuilder();
        script.Append("// Imported by 'detectionkit import sigma' from the Sigma rule \"").Append(OneLine(rule.Title)).Append('"');
        script.Append(rule.Id is null ? string.Empty : $" ({OneLine(rule.Id)})").Append(".\n");
        foreach (var (text, _) in rule.Conditions)
        {
            script.Append("// Sigma condition: ").Append(OneLine(text)).Append('\n');
        }

        if (match.EventSources.Count + match.EventNames.Count > 0)
        {
            var what = string.Join(" and ", new[] { ("eventSource", match.EventSources.Count), ("eventName", match.EventNames.Count) }.Where(p => p.Item2 > 0).Select(p => p.Item1));
            script.Append("// The YAML's match block checks ").Append(what).Append(" before the script runs.\n");
        }

        script.Append("// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's\n");
        script.Append("// properties read a field as text (null when absent or null).\n\n");
        script.Append("bool Rule(CloudTrailEvent e) =>").Append(Body(body, functions)).Append(";\n");
        foreach (var search in rule.Searches.Where(s => called.Contains(s.Name)))
        {
            script.Append("\n// ").Append(OneLine(search.Name)).Append('\n');
            script.Append("static bool ").Append(functions[search.Name]).Append("(CloudTrailEvent e) =>").Append(Body(searches[search.Name], functions)).Append(";\n");
        }

        return script.ToString();
    }

    /// <summary>A function body: on one line when short, else one operand of the top-level <c>&amp;&amp;</c> or <c>||</c> per line.</summary>
    private static string Body(ScriptTerm term, IReadOnlyDictionary<string, string> functions)
    {
        var (operands, separator) = term switch
        {
            ScriptTerm.All all => (all.Terms.Select(t => Render(t, Context.And, functions)).ToList(), "&&"),
            ScriptTerm.Any any => (any.Terms.Select(t => Render(t, Context.Or, functions)).ToList(), "||"),
            _ => ([Render(term, Context.Top, functions)], string.Empty),
        };
        var oneLine = string.Join($" {separator} ", operands);
        return oneLine.Length <= 80 && !oneLine.Contains('\n', StringComparison.Ordinal)
            ? " " + oneLine
            : "\n    " + string.Join($"\n    {separator} ", operands);
    }

    private enum Context
    {
        Top,
        And,
        Or,
        Not,
    }

    private static string Render(ScriptTerm term, Context context, IReadOnlyDictionary<string, string> functions)
    {
        var (text, precedence) = term switch
        {
            ScriptTerm.Constant constant => (constant.Value ? "true" : "false", 3),
            ScriptTerm.Search search => ($"{functions[search.Name]}(e)", 3),
            ScriptTerm.Code code => (code.Text, code.Precedence switch { CodePrecedence.Primary => 3, CodePrecedence.Comparison => 2, _ => 1 }),
            ScriptTerm.Negation not => ("!" + Render(not.Term, Context.Not, functions), 3),
            ScriptTerm.All all => (string.Join(" && ", all.Terms.Select(t => Render(t, Context.And, functions))), 1),
            ScriptTerm.Any any => (string.Join(" || ", any.Terms.Select(t => Render(t, Context.Or, functions))), 0),
            _ => throw new InvalidOperationException($"a {term.GetType().Name} is not written"),
        };
        var parenthesise = context switch
        {
            Context.Not => precedence < 3,
            Context.And => precedence < 1,
            Context.Or => precedence < 2,
            _ => false,
        };
        return parenthesise ? $"({text})" : text;
    }

    private static IEnumerable<string> Called(ScriptTerm term) => term switch
    {
        ScriptTerm.Search search => [search.Name],
        ScriptTerm.All all => all.Terms.SelectMany(Called),
        ScriptTerm.Any any => any.Terms.SelectMany(Called),
        ScriptTerm.Negation not => Called(not.Term),
        _ => [],
    };

    /// <summary>Search identifiers as C# names: PascalCase, unique, never one of the rule functions.</summary>
    private static Dictionary<string, string> FunctionNames(IEnumerable<string> searches)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(Reserved, StringComparer.Ordinal);
        foreach (var search in searches)
        {
            var name = string.Concat(search.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            name = new string([.. name.Where(char.IsAsciiLetterOrDigit)]);
            if (name.Length == 0 || char.IsAsciiDigit(name[0]) || Reserved.Contains(name))
            {
                name = "Search" + name;
            }

            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[search] = unique;
        }

        return names;
    }

    /// <summary>
    /// The text on one comment line: every character that could end a <c>//</c> comment (C# also ends
    /// one at U+0085, U+2028 and U+2029) or hide in it (controls) becomes a space, so nothing from the
    /// Sigma file can step out of the comment into the script.
    /// </summary>
    private static string OneLine(string text)
    {
        var cleaned = new string(text.Select(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator ? ' ' : c).ToArray());
        return string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
