using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace DetectionKit.Engine.Compilation.Safety;

/// <summary>
/// The framework surface rule scripts may use, read from <c>allow-list.txt</c>: namespaces, types and
/// single members, with exceptions. Decisions are made on compiler symbols, never on text, so an
/// alias, a <c>using static</c> or a fully qualified name reach the same verdict.
/// </summary>
internal sealed class AllowList
{
    private readonly FrozenSet<string> namespaces;
    private readonly FrozenSet<string> types;
    private readonly FrozenSet<string> deniedTypes;
    private readonly FrozenDictionary<string, string> deniedMembers;

    // Framework symbols are shared by every compilation that reuses the same references, so verdicts
    // outlive one compilation; the weak table lets them go with their symbols.
    private readonly ConditionalWeakTable<ISymbol, object> typeVerdicts = new();
    private readonly ConditionalWeakTable<ISymbol, object> memberVerdicts = new();

    private AllowList(IEnumerable<string> namespaces, IEnumerable<string> types, IEnumerable<string> deniedTypes, IEnumerable<KeyValuePair<string, string>> deniedMembers)
    {
        this.namespaces = namespaces.ToFrozenSet(StringComparer.Ordinal);
        this.types = types.ToFrozenSet(StringComparer.Ordinal);
        this.deniedTypes = deniedTypes.ToFrozenSet(StringComparer.Ordinal);
        this.deniedMembers = deniedMembers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The list shipped with the engine.</summary>
    public static AllowList Shipped { get; } = Parse(ReadResource("allow-list.txt"));

    public static AllowList Parse(string text)
    {
        var namespaces = new List<string>();
        var types = new List<string>();
        var deniedTypes = new List<string>();
        var deniedMembers = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("deny member ", StringComparison.Ordinal))
            {
                var reason = line.Split(" -- ", 2);
                var name = reason[0]["deny member ".Length..].Trim();
                if (reason.Length != 2 || name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
                {
                    throw new FormatException($"allow-list line not understood: '{line}' (deny member TYPE.MEMBER -- REASON)");
                }

                deniedMembers.Add(new(name, reason[1].Trim()));
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var list = parts is [_, _, _] ? (parts[0], parts[1]) switch
            {
                ("allow", "namespace") => namespaces,
                ("allow", "type") => types,
                ("deny", "type") => deniedTypes,
                _ => null,
            } : null;
            (list ?? throw new FormatException($"allow-list line not understood: '{line}'")).Add(parts[2]);
        }

        return new AllowList(namespaces, types, deniedTypes, deniedMembers);
    }

    /// <summary>Whether a framework type may be used (its type arguments are checked separately).</summary>
    public bool AllowsType(INamedTypeSymbol type) =>
        (bool)typeVerdicts.GetValue(type.OriginalDefinition, t => Decide((INamedTypeSymbol)t));

    /// <summary>Whether a member of a framework type may be used: its type is allowed and the member is not excepted.</summary>
    public bool AllowsMember(ISymbol member) =>
        (bool)memberVerdicts.GetValue(member.OriginalDefinition, m =>
            m.ContainingType is { } type
            && !deniedMembers.ContainsKey($"{NameOf(type.OriginalDefinition)}.{m.Name}")
            && AllowsType(type));

    private bool Decide(INamedTypeSymbol type)
    {
        for (var t = type.OriginalDefinition; t is not null; t = t.ContainingType)
        {
            if (deniedTypes.Contains(NameOf(t)))
            {
                return false;
            }
        }

        for (var t = type.OriginalDefinition; t is not null; t = t.ContainingType)
        {
            if (types.Contains(NameOf(t)))
            {
                return true;
            }
        }

        var outermost = type.OriginalDefinition;
        while (outermost.ContainingType is not null)
        {
            outermost = outermost.ContainingType;
        }

        return namespaces.Contains(outermost.ContainingNamespace.ToDisplayString());
    }

    /// <summary>Why a member is excepted from its allowed type, as the allow-list says; null when it is not.</summary>
    public string? WhyDenied(ISymbol member) =>
        member.ContainingType is { } type && deniedMembers.TryGetValue($"{NameOf(type.OriginalDefinition)}.{member.Name}", out var reason) ? reason : null;

    /// <summary><c>System.Collections.Generic.List</c> for <c>List&lt;T&gt;</c>; nested types joined with '.'.</summary>
    public static string NameOf(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? $"{NameOf(outer)}.{type.Name}"
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{type.Name}" : type.Name;

    private static string ReadResource(string name)
    {
        using var stream = typeof(AllowList).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the engine is missing its embedded {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
