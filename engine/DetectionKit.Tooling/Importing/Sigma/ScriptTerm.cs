namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// A boolean C# expression of a generated script, kept as a tree until it is written so that what
/// the rule's <c>match</c> block already guarantees can be taken out and the rest simplified.
/// </summary>
internal abstract record ScriptTerm
{
    public static ScriptTerm True { get; } = new Constant(true);

    public static ScriptTerm False { get; } = new Constant(false);

    public static ScriptTerm AllOf(IEnumerable<ScriptTerm> terms) => new All([.. terms]);

    public static ScriptTerm AnyOf(IEnumerable<ScriptTerm> terms) => new Any([.. terms]);

    /// <summary>A constant: a search the match block decides alone.</summary>
    public sealed record Constant(bool Value) : ScriptTerm;

    /// <summary>Every term holds (<c>&amp;&amp;</c>).</summary>
    public sealed record All(IReadOnlyList<ScriptTerm> Terms) : ScriptTerm;

    /// <summary>Some term holds (<c>||</c>).</summary>
    public sealed record Any(IReadOnlyList<ScriptTerm> Terms) : ScriptTerm;

    public sealed record Negation(ScriptTerm Term) : ScriptTerm;

    /// <summary>A call of the function generated for a search identifier.</summary>
    public sealed record Search(string Name) : ScriptTerm;

    /// <summary>One test written out as C#, with how tightly it binds (when it needs parentheses).</summary>
    public sealed record Code(string Text, CodePrecedence Precedence) : ScriptTerm;

    /// <summary>
    /// A test that is exactly "the top-level field equals one of these values, ignoring case", which
    /// the rule's match block can take over; it is replaced by <see cref="True"/> or by
    /// <paramref name="Term"/> before the script is written.
    /// </summary>
    public sealed record Pinned(FieldPin Pin, ScriptTerm Term) : ScriptTerm;

    /// <summary>The same term with <paramref name="replace"/> applied bottom-up, then simplified.</summary>
    public ScriptTerm Rewrite(Func<ScriptTerm, ScriptTerm> replace) => Simplify(replace(this switch
    {
        All all => new All([.. all.Terms.Select(t => t.Rewrite(replace))]),
        Any any => new Any([.. any.Terms.Select(t => t.Rewrite(replace))]),
        Negation not => new Negation(not.Term.Rewrite(replace)),
        _ => this,
    }));

    private static ScriptTerm Simplify(ScriptTerm term) => term switch
    {
        All all when all.Terms.Any(t => t is Constant { Value: false }) => False,
        All all => Flatten(all.Terms.Where(t => t is not Constant { Value: true }).SelectMany(t => t is All inner ? inner.Terms : [t]).ToList(), True, terms => new All(terms)),
        Any any when any.Terms.Any(t => t is Constant { Value: true }) => True,
        Any any => Flatten(any.Terms.Where(t => t is not Constant { Value: false }).SelectMany(t => t is Any inner ? inner.Terms : [t]).ToList(), False, terms => new Any(terms)),
        Negation { Term: Constant constant } => new Constant(!constant.Value),
        Negation { Term: Negation inner } => inner.Term,
        _ => term,
    };

    private static ScriptTerm Flatten(List<ScriptTerm> terms, ScriptTerm empty, Func<List<ScriptTerm>, ScriptTerm> make) =>
        terms.Count switch
        {
            0 => empty,
            1 => terms[0],
            _ => make(terms),
        };
}
