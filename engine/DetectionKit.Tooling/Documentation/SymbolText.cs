using Microsoft.CodeAnalysis;

namespace DetectionKit.Tooling.Documentation;

/// <summary>How rule-API symbols are written in the reference: as a script author writes them in C#.</summary>
internal static class SymbolText
{
    /// <summary>Members without accessibility (every one listed is public): <c>static Arn? Parse(string? text)</c>.</summary>
    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis
            | SymbolDisplayParameterOptions.IncludeDefaultValue,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>A type's name with its containing types and type parameters, no namespace: <c>Nullable&lt;T&gt;</c>.</summary>
    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string Signature(ISymbol member) => member.ToDisplayString(MemberFormat);

    public static string TypeName(INamedTypeSymbol type) => type.ToDisplayString(TypeNameFormat);

    /// <summary>A parameter as a call passes it: <c>out policy</c>.</summary>
    private static string Argument(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Out => "out " + parameter.Name,
        RefKind.Ref => "ref " + parameter.Name,
        _ => parameter.Name,
    };

    /// <summary><c>public sealed class CloudTrailEvent</c>, <c>public static class JsonElementExtensions</c>, <c>public enum Severity</c>.</summary>
    public static string Declaration(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Delegate && type.DelegateInvokeMethod is { } invoke)
        {
            return $"public delegate {invoke.ReturnType.ToDisplayString(MemberFormat)} {type.ToDisplayString(MemberFormat)}"
                + $"({string.Join(", ", invoke.Parameters.Select(parameter => parameter.ToDisplayString(MemberFormat)))})";
        }

        var keyword = type.TypeKind switch
        {
            TypeKind.Enum => "enum",
            TypeKind.Interface => "interface",
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            _ => type.IsRecord ? "record" : "class",
        };
        var modifier = type.TypeKind switch
        {
            TypeKind.Class when type.IsStatic => "static ",
            TypeKind.Class when type.IsAbstract => "abstract ",
            TypeKind.Class when type.IsSealed => "sealed ",
            TypeKind.Struct when type.IsReadOnly => "readonly ",
            _ => string.Empty,
        };
        var baseType = type.TypeKind == TypeKind.Class && type.BaseType is { SpecialType: not SpecialType.System_Object } b
            ? " : " + b.ToDisplayString(MemberFormat)
            : string.Empty;
        return $"public {modifier}{keyword} {type.ToDisplayString(MemberFormat)}{baseType}";
    }

    /// <summary>
    /// How a doc comment's <c>&lt;see cref&gt;</c> names a symbol: a type by its name, a method as a call
    /// with its parameter names (<c>Get(path)</c>; an extension method without its receiver), a member of
    /// another type after that type's name.
    /// </summary>
    public static string Reference(ISymbol symbol, INamedTypeSymbol? from)
    {
        if (symbol is INamedTypeSymbol type)
        {
            return TypeName(type);
        }

        var name = symbol is IMethodSymbol method
            ? (method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.Name)
                + $"({string.Join(", ", method.Parameters.Skip(method.IsExtensionMethod ? 1 : 0).Select(Argument))})"
            : symbol.Name;
        return symbol.ContainingType is { } containing && !SymbolEqualityComparer.Default.Equals(containing, from)
            && !(symbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
            ? $"{TypeName(containing)}.{name}"
            : name;
    }
}
