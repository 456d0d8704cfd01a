using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Turns one <c>field|modifiers: values</c> entry into a C# test over the event, exactly as Sigma
/// defines it (case-insensitive unless <c>cased</c>, wildcards, escapes, the modifiers in the order
/// written), or reports why it cannot: nothing is converted approximately.
/// </summary>
internal sealed class SigmaFieldConverter
{
    private static readonly string[] Positions = ["contains", "startswith", "endswith"];
    private static readonly string[] Transforms = ["base64", "base64offset", "windash"];
    private static readonly string[] Comparisons = ["gt", "gte", "lt", "lte"];
    private static readonly string[] Kinds = ["re", "cidr", "exists", "fieldref", "gt", "gte", "lt", "lte"];
    private static readonly string[] RegexFlags = ["i", "m", "s"];
    private static readonly string[] Known = [.. Positions, .. Transforms, .. Kinds, .. RegexFlags, "all", "cased", "neq"];

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["expand"] = "'expand' stands for placeholders (%Administrators%, ...) that a Sigma processing pipeline fills in; a converter without one must refuse the rule, as the specification says",
        ["utf16"] = "the UTF-16 encodings ('utf16', 'utf16le', 'utf16be', 'wide') are not converted",
        ["utf16le"] = "the UTF-16 encodings ('utf16', 'utf16le', 'utf16be', 'wide') are not converted",
        ["utf16be"] = "the UTF-16 encodings ('utf16', 'utf16le', 'utf16be', 'wide') are not converted",
        ["wide"] = "the UTF-16 encodings ('utf16', 'utf16le', 'utf16be', 'wide') are not converted",
        ["minute"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
        ["hour"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
        ["day"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
        ["week"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
        ["month"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
        ["year"] = "the time-part modifiers (minute, hour, day, week, month, year) are not converted",
    };

    private int variables;

    /// <summary>The test, or null with the reasons in <paramref name="diagnostics"/>.</summary>
    public ScriptTerm? Convert(SigmaFieldMatch match, ICollection<Diagnostic> diagnostics)
    {
        var at = match.Location;
        var before = diagnostics.Count;
        if (match.Field.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaKeywordSearch, at, "a keyword search (values with no field) looks for text anywhere in the record; DetectionKit rules read fields, so it is not converted: name the field the text is in (requestParameters.policyDocument|contains: ...)"));
            return null;
        }

        if (CloudTrailFields.Problem(match.Field) is { } problem)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnknownField, at, problem));
        }

        var modifiers = match.Modifiers.Select(m => m.ToLowerInvariant()).ToList();
        foreach (var modifier in modifiers)
        {
            if (Unsupported.TryGetValue(modifier, out var why))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaModifierUnsupported, at, $"modifier '{modifier}' in '{Key(match)}': {why}"));
            }
            else if (!Known.Contains(modifier))
            {
                var hint = ClosestName.Find(modifier, Known) is { } near ? $" (did you mean '{near}'?)" : string.Empty;
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaModifierUnsupported, at, $"'{modifier}' in '{Key(match)}' is not a Sigma modifier{hint}"));
            }
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        var term = Combination(match, modifiers) is { } wrong
            ? Refuse(diagnostics, DiagnosticCodes.SigmaModifierUnsupported, at, wrong)
            : match.Values.Any(v => v.IsNull)
                ? Null(match, modifiers, diagnostics)
                : modifiers.FirstOrDefault(Kinds.Contains) switch
                {
                    "exists" => Exists(match, diagnostics),
                    "re" => RegularExpression(match, modifiers, diagnostics),
                    "cidr" => Cidr(match, modifiers, diagnostics),
                    "fieldref" => FieldReference(match, modifiers, diagnostics),
                    { } comparison => Comparison(match, comparison, modifiers, diagnostics),
                    null => Plain(match, modifiers, diagnostics),
                };
        return diagnostics.Count > before ? null : term;
    }

    /// <summary>Why the modifiers do not make one meaning together, or null when they do.</summary>
    private static string? Combination(SigmaFieldMatch match, List<string> modifiers)
    {
        var key = Key(match);
        var kinds = modifiers.Where(Kinds.Contains).Distinct().ToList();
        if (kinds.Count > 1)
        {
            return $"'{key}' combines {string.Join(" and ", kinds.Select(k => $"'{k}'"))}, which have no meaning together";
        }

        if (modifiers.Count(Positions.Contains) > 1)
        {
            return $"'{key}' combines more than one of contains, startswith and endswith";
        }

        var kind = kinds.FirstOrDefault();
        var flags = modifiers.Where(RegexFlags.Contains).ToList();
        if (flags.Count > 0 && (kind != "re" || modifiers.IndexOf(flags[0]) < modifiers.IndexOf("re")))
        {
            return $"'{key}': the flags i, m and s go after 're' (field|re|i)";
        }

        var allowed = kind switch
        {
            null => [.. Positions, .. Transforms, "all", "cased", "neq"],
            "re" => [.. RegexFlags, "all", "cased"],
            "cidr" => ["all"],
            "fieldref" => ["all", "cased"],
            "exists" => Array.Empty<string>(),
            _ => ["all"],
        };
        var stray = modifiers.Where(m => m != kind && !allowed.Contains(m)).Distinct().ToList();
        if (stray.Count > 0)
        {
            return $"'{key}' combines '{kind ?? stray[0]}' with {string.Join(", ", stray.Where(s => s != (kind ?? stray[0])).DefaultIfEmpty(stray[0]).Select(s => $"'{s}'"))}, which is not converted";
        }

        if (modifiers.Contains("neq") && (match.Values.Count != 1 || modifiers.Contains("all")))
        {
            return $"'{key}': 'neq' with a list of values has no single meaning (different from each, or from one of them?); write one value per field, or 'not' a selection in the condition";
        }

        return null;
    }

    private static ScriptTerm? Null(SigmaFieldMatch match, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        if (match.Values.Count > 1)
        {
            return Refuse(diagnostics, DiagnosticCodes.SigmaValueInvalid, match.Values.First(v => v.IsNull).Location, $"null in the list of '{Key(match)}': null cannot be part of a list of values (the specification's 'Special Field Values'); put '{match.Field}: null' in a search of its own and combine the two with 'or' / '1 of'");
        }

        if (modifiers.Count > 0)
        {
            return Refuse(diagnostics, DiagnosticCodes.SigmaValueInvalid, match.Location, $"'{Key(match)}: null': null takes no modifiers (it means the field is absent or null)");
        }

        return new ScriptTerm.Code($"{CloudTrailFields.Read(match.Field)} is null", CodePrecedence.Comparison);
    }

    private static ScriptTerm? Exists(SigmaFieldMatch match, ICollection<Diagnostic> diagnostics)
    {
        if (match.Values is not [{ Text: "true" or "false" } value])
        {
            return Refuse(diagnostics, DiagnosticCodes.SigmaValueInvalid, match.Location, $"'{Key(match)}' takes one value, true or false");
        }

        var has = $"e.Has({CloudTrailFields.Literal(match.Field)})";
        return value.Text == "true" ? new ScriptTerm.Code(has, CodePrecedence.Primary) : new ScriptTerm.Negation(new ScriptTerm.Code(has, CodePrecedence.Primary));
    }

    private static ScriptTerm? RegularExpression(SigmaFieldMatch match, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        var options = RegexOptions.None;
        var names = new List<string>();
        foreach (var (flag, option) in new[] { ("i", RegexOptions.IgnoreCase), ("m", RegexOptions.Multiline), ("s", RegexOptions.Singleline) })
        {
            if (modifiers.Contains(flag))
            {
                options |= option;
                names.Add("RegexOptions." + option);
            }
        }

        var read = CloudTrailFields.Read(match.Field);
        var terms = new List<ScriptTerm>();
        foreach (var value in match.Values)
        {
            var pattern = value.Text!;
            try
            {
                _ = new Regex(pattern, options, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaValueInvalid, value.Location, $"'{Key(match)}': not a regular expression: {ex.Message}"));
                continue;
            }

            var call = names.Count == 0
                ? $"Regex.IsMatch({read}, {CloudTrailFields.Literal(pattern)})"
                : $"Regex.IsMatch({read}, {CloudTrailFields.Literal(pattern)}, {string.Join(" | ", names)})";
            terms.Add(new ScriptTerm.Code($"{read} is not null && {call}", CodePrecedence.Conjunction));
        }

        return Join(terms, modifiers);
    }

    private static ScriptTerm? Cidr(SigmaFieldMatch match, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        var ranges = new List<string>();
        foreach (var value in match.Values)
        {
            if (!Scripting.Cidr.TryParse(value.Text, out _))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaValueInvalid, value.Location, $"'{Key(match)}': '{value.Text}' is not an address range (10.0.0.0/8, 2001:db8::/32) or an address"));
                continue;
            }

            ranges.Add(CloudTrailFields.Literal(value.Text!));
        }

        if (match.Field == "sourceIPAddress")
        {
            // The event reads its source address once; IsIn tries the ranges in order.
            return modifiers.Contains("all")
                ? ScriptTerm.AllOf(ranges.Select(r => new ScriptTerm.Code($"e.SourceAddress.IsIn({r})", CodePrecedence.Primary)))
                : new ScriptTerm.Code($"e.SourceAddress.IsIn({string.Join(", ", ranges)})", CodePrecedence.Primary);
        }

        var read = CloudTrailFields.Read(match.Field);
        return Join([.. ranges.Select(r => new ScriptTerm.Code($"Cidr.Parse({r}).Contains({read})", CodePrecedence.Primary))], modifiers);
    }

    private static ScriptTerm? FieldReference(SigmaFieldMatch match, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        var read = CloudTrailFields.Read(match.Field);
        var comparison = modifiers.Contains("cased") ? "StringComparison.Ordinal" : "StringComparison.OrdinalIgnoreCase";
        var terms = new List<ScriptTerm>();
        foreach (var value in match.Values)
        {
            if (value.Text is not { Length: > 0 } other || CloudTrailFields.Problem(other) is { } problem)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnknownField, value.Location, $"'{Key(match)}' refers to {(value.Text is { Length: > 0 } ? CloudTrailFields.Problem(value.Text) : "no field")}"));
                continue;
            }

            terms.Add(new ScriptTerm.Code($"{read} is not null && string.Equals({read}, {CloudTrailFields.Read(other)}, {comparison})", CodePrecedence.Conjunction));
        }

        return Join(terms, modifiers);
    }

    private ScriptTerm? Comparison(SigmaFieldMatch match, string comparison, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        var read = CloudTrailFields.Read(match.Field);
        var symbol = comparison switch { "gt" => ">", "gte" => ">=", "lt" => "<", _ => "<=" };
        var terms = new List<ScriptTerm>();
        foreach (var value in match.Values)
        {
            if (!double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaValueInvalid, value.Location, $"'{Key(match)}' compares numbers; '{value.Text}' is not one"));
                continue;
            }

            var name = $"n{++variables}";
            terms.Add(new ScriptTerm.Code($"double.TryParse({read}, NumberStyles.Float, CultureInfo.InvariantCulture, out var {name}) && {name} {symbol} {number.ToString("R", CultureInfo.InvariantCulture)}", CodePrecedence.Conjunction));
        }

        return Join(terms, modifiers);
    }

    private static ScriptTerm? Plain(SigmaFieldMatch match, List<string> modifiers, ICollection<Diagnostic> diagnostics)
    {
        var cased = modifiers.Contains("cased");
        var groups = match.Values.Select(v => new List<SigmaPattern> { v.IsString ? SigmaPattern.Parse(v.Text!) : SigmaPattern.Literal(v.Text!) }).ToList();
        foreach (var modifier in modifiers)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                var value = match.Values[i];
                switch (modifier)
                {
                    case "contains":
                        groups[i] = [.. groups[i].Select(p => p.WithStarBefore().WithStarAfter())];
                        break;
                    case "startswith":
                        groups[i] = [.. groups[i].Select(p => p.WithStarAfter())];
                        break;
                    case "endswith":
                        groups[i] = [.. groups[i].Select(p => p.WithStarBefore())];
                        break;
                    case "windash":
                        groups[i] = [.. groups[i].SelectMany(p => p.Windash()).Distinct(PatternComparer.Instance)];
                        if (groups[i].Count > 625)
                        {
                            return Refuse(diagnostics, DiagnosticCodes.SigmaValueInvalid, value.Location, $"'{Key(match)}': 'windash' makes more than 625 variants of this value; split it");
                        }

                        break;
                    case "base64" or "base64offset":
                        if (groups[i].Any(p => p.LiteralText is null))
                        {
                            return Refuse(diagnostics, DiagnosticCodes.SigmaValueInvalid, value.Location, $"'{Key(match)}': '{modifier}' encodes the value, and a value with wildcards cannot be encoded (put contains/startswith/endswith after {modifier}, escape a literal * or ? with \\)");
                        }

                        groups[i] = [.. groups[i].SelectMany(p => modifier == "base64" ? [Base64(p.LiteralText!)] : Base64Offsets(p.LiteralText!)).Distinct(StringComparer.Ordinal).Select(SigmaPattern.Literal)];
                        break;
                }
            }
        }

        var read = CloudTrailFields.Read(match.Field);
        var valueTerms = groups.Select(g => ScriptTerm.AnyOf(g.Select(p => Test(read, p, cased)))).ToList();
        var term = Join(valueTerms, modifiers)!;
        if (modifiers.Contains("neq"))
        {
            return new ScriptTerm.Negation(term);
        }

        // Exactly "equals one of these, ignoring case" on a dispatch field: the match block may take it over.
        var literals = groups.SelectMany(g => g).Select(p => p.LiteralText).ToList();
        if (modifiers.Count == 0 && match.Field is "eventSource" or "eventName" && literals.All(l => l is not null))
        {
            return new ScriptTerm.Pinned(new FieldPin(match.Field, literals!), term);
        }

        return term;
    }

    /// <summary>The test of one pattern: an equality or a string method where one says it, a regular expression otherwise.</summary>
    private static ScriptTerm Test(string read, SigmaPattern pattern, bool cased)
    {
        var comparison = cased ? "StringComparison.Ordinal" : "StringComparison.OrdinalIgnoreCase";
        var parts = pattern.Normalised;
        string? Text(int index) => parts[index].Text;
        switch (parts.Count)
        {
            case 0:
                return Equality(read, string.Empty, cased);
            case 1 when Text(0) is { } only:
                return Equality(read, only, cased);
            case 1 when parts[0].IsStar:
                return new ScriptTerm.Code($"{read} is not null", CodePrecedence.Comparison);
            case 2 when Text(0) is { } start && parts[1].IsStar:
                return new ScriptTerm.Code($"{read}?.StartsWith({CloudTrailFields.Literal(start)}, {comparison}) == true", CodePrecedence.Comparison);
            case 2 when parts[0].IsStar && Text(1) is { } end:
                return new ScriptTerm.Code($"{read}?.EndsWith({CloudTrailFields.Literal(end)}, {comparison}) == true", CodePrecedence.Comparison);
            case 3 when parts[0].IsStar && Text(1) is { } inner && parts[2].IsStar:
                return new ScriptTerm.Code($"{read}?.Contains({CloudTrailFields.Literal(inner)}, {comparison}) == true", CodePrecedence.Comparison);
        }

        // Singleline: '*' and '?' match line breaks as well, as Sigma's wildcards do.
        var options = cased ? "RegexOptions.Singleline" : "RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline";
        return new ScriptTerm.Code($"{read} is not null && Regex.IsMatch({read}, {CloudTrailFields.Literal(pattern.ToRegex())}, {options})", CodePrecedence.Conjunction);
    }

    private static ScriptTerm Equality(string read, string text, bool cased) => cased
        ? new ScriptTerm.Code($"{read} == {CloudTrailFields.Literal(text)}", CodePrecedence.Comparison)
        : new ScriptTerm.Code($"string.Equals({read}, {CloudTrailFields.Literal(text)}, StringComparison.OrdinalIgnoreCase)", CodePrecedence.Primary);

    private static ScriptTerm? Join(List<ScriptTerm> terms, List<string> modifiers) =>
        terms.Count == 0 ? null : modifiers.Contains("all") ? ScriptTerm.AllOf(terms) : ScriptTerm.AnyOf(terms);

    private static string Base64(string text) => System.Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The three forms the value takes inside base64 text, whatever its offset in the encoded string
    /// (0, 1 or 2 bytes after a 3-byte boundary), with the characters its neighbours change cut off:
    /// pySigma's <c>base64offset</c>.
    /// </summary>
    private static IEnumerable<string> Base64Offsets(string text)
    {
        int[] starts = [0, 2, 3];
        int?[] ends = [null, 3, 2];
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var shift = 0; shift < 3; shift++)
        {
            var encoded = System.Convert.ToBase64String([.. Enumerable.Repeat((byte)' ', shift), .. bytes]);
            var cut = ends[(bytes.Length + shift) % 3] ?? 0;
            yield return encoded[starts[shift]..Math.Max(starts[shift], encoded.Length - cut)];
        }
    }

    private static ScriptTerm? Refuse(ICollection<Diagnostic> diagnostics, string code, SourceLocation at, string message)
    {
        diagnostics.Add(Diagnostic.Error(code, at, message));
        return null;
    }

    private static string Key(SigmaFieldMatch match) => string.Join('|', [match.Field, .. match.Modifiers]);

    private sealed class PatternComparer : IEqualityComparer<SigmaPattern>
    {
        public static PatternComparer Instance { get; } = new();

        public bool Equals(SigmaPattern? x, SigmaPattern? y) => x is not null && y is not null && x.Parts.SequenceEqual(y.Parts);

        public int GetHashCode(SigmaPattern obj) => obj.Parts.Count;
    }
}
