using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DetectionKit.Architecture.Tests.Support;

/// <summary>
/// Walks a compilation's syntax trees with its semantic model and yields every reference to a type or
/// member declared in one of the given assemblies: names (types, members, extension methods, attributes,
/// <c>var</c> and <c>using static</c> included), target-typed <c>new()</c>, indexers and user-defined operators.
/// </summary>
internal static class SymbolReferences
{
    public const string GlobalNamespace = "(global)";

    /// <param name="compilation">The compilation whose sources are walked.</param>
    /// <param name="firstParty">The assemblies whose symbols count.</param>
    /// <param name="root">The folder file paths are reported relative to.</param>
    public static IEnumerable<SymbolReference> In(Compilation compilation, IReadOnlySet<string> firstParty, string root) =>
        compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).SelectMany(tree => In(compilation.GetSemanticModel(tree), firstParty, root));

    /// <summary>The references in one syntax tree, bound with its semantic model.</summary>
    public static IEnumerable<SymbolReference> In(SemanticModel model, IReadOnlySet<string> firstParty, string root)
    {
        var tree = model.SyntaxTree;
        var path = Path.GetRelativePath(root, tree.FilePath).Replace(Path.DirectorySeparatorChar, '/');
        foreach (var node in tree.GetRoot().DescendantNodes().Where(Binds))
        {
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null || OwningType(symbol) is not { } type || type.ContainingNamespace is not { IsGlobalNamespace: false } target)
            {
                continue;
            }

            if (type.ContainingAssembly is not { } assembly || !firstParty.Contains(assembly.Name))
            {
                continue;
            }

            var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
            yield return new SymbolReference(model.Compilation.AssemblyName!, NamespaceOf(node), assembly.Name, target.ToDisplayString(), symbol.ToDisplayString(), new CodeLocation(path, line));
        }
    }

    private static bool Binds(SyntaxNode node) =>
        node is SimpleNameSyntax
            or ImplicitObjectCreationExpressionSyntax
            or ElementAccessExpressionSyntax
            or BinaryExpressionSyntax
            or PrefixUnaryExpressionSyntax
            or PostfixUnaryExpressionSyntax;

    /// <summary>The type a symbol belongs to: itself for a type, its containing type for a member; none for locals, namespaces, type parameters.</summary>
    private static INamedTypeSymbol? OwningType(ISymbol symbol) => symbol switch
    {
        IAliasSymbol alias => OwningType(alias.Target),
        ITypeParameterSymbol or INamespaceSymbol or ILocalSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol => null,
        INamedTypeSymbol { IsAnonymousType: true } or INamedTypeSymbol { IsTupleType: true } => null,
        INamedTypeSymbol type => type.OriginalDefinition,
        IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
        _ => symbol.ContainingType is { IsAnonymousType: false } type ? type.OriginalDefinition : null,
    };

    /// <summary>The namespace the node's code is in; usings above a file-scoped namespace belong to it.</summary>
    private static string NamespaceOf(SyntaxNode node)
    {
        var declarations = node.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(d => d.Name.ToString()).ToList();
        if (declarations.Count == 0 && node.SyntaxTree.GetRoot() is CompilationUnitSyntax unit && unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is { } fileScoped)
        {
            declarations.Add(fileScoped.Name.ToString());
        }

        return declarations.Count == 0 ? GlobalNamespace : string.Join('.', declarations);
    }
}
