using System.Xml.Linq;
using DetectionKit.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Tooling.Documentation;

/// <summary>
/// Reads the rule API's public surface from the assembly's metadata, as Roslyn sees it when it compiles
/// a rule script, and pairs each type and member with its doc comment from the XML documentation.
/// </summary>
public static class RuleApiReader
{
    /// <summary>
    /// The XML documentation of DetectionKit.Scripting, embedded in this assembly at build time (see the
    /// project file) so that the reference can be generated wherever the CLI is installed.
    /// </summary>
    public const string DocumentationResource = "DetectionKit.Scripting.xml";

    /// <summary>The rule API this tooling was built with: DetectionKit.Scripting and its embedded documentation.</summary>
    public static RuleApiReference ReadRuleApi()
    {
        using var documentation = typeof(RuleApiReader).Assembly.GetManifestResourceStream(DocumentationResource)
            ?? throw new InvalidOperationException($"{DocumentationResource} is not embedded in {typeof(RuleApiReader).Assembly.GetName().Name}; build DetectionKit.Scripting with GenerateDocumentationFile");
        return Read(typeof(CloudTrailEvent).Assembly.Location, documentation);
    }

    /// <summary>Reads any assembly's public surface with its XML documentation.</summary>
    /// <param name="assemblyPath">The assembly file.</param>
    /// <param name="documentation">The XML documentation file the compiler wrote for it.</param>
    /// <exception cref="InvalidOperationException">A doc comment uses a tag the reference cannot render.</exception>
    public static RuleApiReference Read(string assemblyPath, Stream documentation)
    {
        var documented = MetadataReference.CreateFromFile(assemblyPath);
        var compilation = CSharpCompilation.Create(
            "RuleApiReference",
            references: FrameworkReferences(Path.GetFileNameWithoutExtension(assemblyPath)).Append(documented),
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(documented)!;
        var types = PublicTypes(assembly.GlobalNamespace).ToList();
        var names = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var type in types)
        {
            names[type] = SymbolText.TypeName(type);
        }

        var comments = new DocCommentReader(compilation, DocCommentReader.Members(XDocument.Load(documentation)), type => names.GetValueOrDefault(type));
        return new RuleApiReference(
            assembly.Name,
            types
                .Select(type => new RuleApiType(names[type], type.ContainingNamespace.ToDisplayString(), SymbolText.Declaration(type), comments.Read(type), Members(type, comments)))
                .OrderBy(type => type.Name, StringComparer.Ordinal)
                .ToList());
    }

    private static List<RuleApiMember> Members(INamedTypeSymbol type, DocCommentReader comments) =>
        type.GetMembers()
            .Where(member => IsVisible(member, type) && !IsCompilerGenerated(member))
            .Select(member => (Member: member, Kind: KindOf(member)))
            .Where(member => member.Kind is not null)
            .OrderBy(member => member.Kind)
            .ThenBy(member => member.Member.MetadataToken)
            .Select(member => new RuleApiMember(
                member.Member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? type.Name : member.Member.Name,
                member.Kind!.Value,
                SymbolText.Signature(member.Member),
                comments.Read(member.Member)))
            .ToList();

    private static RuleApiMemberKind? KindOf(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } => RuleApiMemberKind.Constructor,
        IMethodSymbol { MethodKind: MethodKind.Ordinary } => RuleApiMemberKind.Method,
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => RuleApiMemberKind.Operator,
        IPropertySymbol => RuleApiMemberKind.Property,
        IFieldSymbol => RuleApiMemberKind.Field,
        IEventSymbol => RuleApiMemberKind.Event,

        // Accessors belong to their property or event; nested types are listed as types.
        _ => null,
    };

    // Protected members are part of the surface only where a script could derive from the type.
    private static bool IsVisible(ISymbol member, INamedTypeSymbol type) =>
        member.DeclaredAccessibility == Accessibility.Public
        || (!type.IsSealed && member.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal);

    // A record's Equals, GetHashCode, ==, Deconstruct and clone are written by the compiler, marked as
    // such in metadata, and mean what they mean for every record.
    private static bool IsCompilerGenerated(ISymbol member) =>
        member.IsImplicitlyDeclared
        || member.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private static IEnumerable<INamedTypeSymbol> PublicTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers().Where(type => type.DeclaredAccessibility == Accessibility.Public))
        {
            yield return type;
            foreach (var nested in NestedPublicTypes(type))
            {
                yield return nested;
            }
        }

        foreach (var inner in ns.GetNamespaceMembers().SelectMany(PublicTypes))
        {
            yield return inner;
        }
    }

    private static IEnumerable<INamedTypeSymbol> NestedPublicTypes(INamedTypeSymbol type) =>
        type.GetTypeMembers()
            .Where(nested => nested.DeclaredAccessibility == Accessibility.Public)
            .SelectMany(nested => NestedPublicTypes(nested).Prepend(nested));

    /// <summary>The runtime's own assemblies, so that the framework types the rule API names resolve.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences(string documentedName) =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .Where(group => !string.Equals(group.Key, documentedName, StringComparison.OrdinalIgnoreCase))
            .Select(group => MetadataReference.CreateFromFile(group.First()));
}
