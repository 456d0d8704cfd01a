namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Parses a Sigma condition: <c>or</c>, <c>and</c>, <c>not</c> (least to most binding), then
/// <c>1 of</c>/<c>all of</c> a pattern or <c>them</c>, and parentheses. Keywords are read ignoring
/// case. An aggregation (<c>selection | count() by x &gt; 5</c>) is recognised and refused with its
/// own message: it judges many events at once.
/// </summary>
public static class SigmaConditionParser
{
    /// <summary>The tree, or null with <paramref name="error"/> (what is wrong and the 0-based offset where).</summary>
    public static SigmaCondition? Parse(string text, out (string Message, int Offset, bool Aggregation)? error)
    {
        error = null;
        var pipe = text.IndexOf('|', StringComparison.Ordinal);
        if (pipe >= 0)
        {
            error = ("an aggregation ('| count()', '| near', ...) judges many events at once; a DetectionKit rule judges one event (use threshold: and dedup: in the rule for counts), so it is not converted", pipe, true);
            return null;
        }

        var tokens = Tokenize(text, out var badOffset);
        if (tokens is null)
        {
            error = ($"unexpected character '{text[badOffset]}' in the condition", badOffset, false);
            return null;
        }

        var parser = new Reader(tokens, text.Length);
        try
        {
            var tree = parser.Or();
            if (parser.Peek is { } extra)
            {
                throw new FormatException($"unexpected '{extra.Text}' after a complete condition (a missing 'and' or 'or'?)", extra.Offset);
            }

            return tree;
        }
        catch (FormatException ex)
        {
            error = (ex.Message, ex.Offset, false);
            return null;
        }
    }

    private static List<Token>? Tokenize(string text, out int badOffset)
    {
        var tokens = new List<Token>();
        badOffset = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(c.ToString(), i));
                i++;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], start));
            }
            else
            {
                badOffset = i;
                return null;
            }
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '*' or '-' or '.';

    private sealed record Token(string Text, int Offset)
    {
        public bool Is(string keyword) => string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

        public bool IsKeyword => Is("and") || Is("or") || Is("not") || Is("of") || Is("them");
    }

    private sealed class FormatException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }

    private sealed class Reader(List<Token> tokens, int end)
    {
        /// <summary>Deepest nesting of parentheses and 'not' read: the parser recurses once per level, and a condition is one text of any length.</summary>
        private const int MaxDepth = 64;

        private int position;
        private int depth;

        public Token? Peek => position < tokens.Count ? tokens[position] : null;

        public SigmaCondition Or()
        {
            var operands = new List<SigmaCondition> { And() };
            while (Peek is { } token && token.Is("or"))
            {
                position++;
                operands.Add(And());
            }

            return operands.Count == 1 ? operands[0] : new SigmaOr(operands);
        }

        private SigmaCondition And()
        {
            var operands = new List<SigmaCondition> { Not() };
            while (Peek is { } token && token.Is("and"))
            {
                position++;
                operands.Add(Not());
            }

            return operands.Count == 1 ? operands[0] : new SigmaAnd(operands);
        }

        private SigmaCondition Not()
        {
            if (Peek is { } token && token.Is("not"))
            {
                position++;
                Enter(token);
                var negated = new SigmaNot(Not());
                depth--;
                return negated;
            }

            return Primary();
        }

        private void Enter(Token token)
        {
            if (++depth > MaxDepth)
            {
                throw new FormatException($"the condition nests parentheses and 'not' deeper than {MaxDepth}", token.Offset);
            }
        }

        private SigmaCondition Primary()
        {
            var token = Peek ?? throw new FormatException("the condition ends where a search identifier, 'not', '1 of', 'all of' or '(' was expected", end);
            position++;
            if (token.Text == "(")
            {
                Enter(token);
                var inner = Or();
                depth--;
                if (Peek is not { Text: ")" })
                {
                    throw new FormatException("'(' is not closed", Peek?.Offset ?? end);
                }

                position++;
                return inner;
            }

            if (token.Text == ")")
            {
                throw new FormatException("')' closes nothing", token.Offset);
            }

            if (Peek is { } of && of.Is("of"))
            {
                position++;
                var all = token.Is("all");
                if (!all && token.Text != "1" && !token.Is("any"))
                {
                    throw new FormatException($"'{token.Text} of' is not Sigma: write '1 of' or 'all of'", token.Offset);
                }

                var target = Peek ?? throw new FormatException("'of' must be followed by a pattern such as selection_* or by 'them'", end);
                position++;
                if (target.Is("them"))
                {
                    return new SigmaQuantified(all, null, target.Offset);
                }

                if (target.IsKeyword || target.Text is "(" or ")")
                {
                    throw new FormatException($"'of' must be followed by a pattern such as selection_* or by 'them', not '{target.Text}'", target.Offset);
                }

                return new SigmaQuantified(all, target.Text, target.Offset);
            }

            if (token.IsKeyword)
            {
                throw new FormatException($"'{token.Text}' where a search identifier, 'not', '1 of', 'all of' or '(' was expected", token.Offset);
            }

            if (token.Text.Contains('*', StringComparison.Ordinal))
            {
                throw new FormatException($"'{token.Text}' is a pattern; a pattern is written after '1 of' or 'all of'", token.Offset);
            }

            return new SigmaSearchRef(token.Text, token.Offset);
        }
    }
}
