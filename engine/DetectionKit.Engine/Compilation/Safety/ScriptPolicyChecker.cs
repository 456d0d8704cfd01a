using DetectionKit.Engine.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation.Safety;

/// <summary>
/// Checks one compiled script against what rule scripts may do: every symbol it names (types,
/// members, the types of its expressions, the methods behind foreach, collection initializers and
/// queries) must be the script's own, public rule API, or on the <see cref="AllowList"/>; constructs
/// that escape the sandbox (unsafe code, dynamic, async, locks, finalizers) are refused; and rules
/// keep no state between evaluations (every field read-only, and not a mutable collection).
/// Each problem is reported once, at the script line and column where it is written.
/// </summary>
internal sealed class ScriptPolicyChecker
{
    private const string RuleApiAssembly = "DetectionKit.Scripting";
    private const string Guide = "see 'What a script may use' in the README";

    private static readonly HashSet<string> MutableCollections = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.List", "System.Collections.Generic.Dictionary", "System.Collections.Generic.HashSet",
        "System.Collections.Generic.SortedSet", "System.Collections.Generic.SortedDictionary", "System.Collections.Generic.SortedList",
        "System.Collections.Generic.Queue", "System.Collections.Generic.Stack", "System.Collections.Generic.LinkedList",
        "System.Collections.Generic.PriorityQueue", "System.Collections.Generic.ICollection", "System.Collections.Generic.IList",
        "System.Collections.Generic.IDictionary", "System.Collections.Generic.ISet", "System.Collections.ObjectModel.Collection",
        "System.Collections.ObjectModel.ObservableCollection", "System.Text.StringBuilder",
    };

    private readonly SemanticModel model;
    private readonly AllowList allowList;
    private int priority;
    private readonly string scriptPath;
    private readonly string? ruleId;
    private readonly List<(int Position, int Priority, int Line, int Column, string Subject, Diagnostic Diagnostic)> found = [];

    private ScriptPolicyChecker(SemanticModel model, AllowList allowList, string scriptPath, string? ruleId)
    {
        this.model = model;
        this.allowList = allowList;
        this.scriptPath = scriptPath;
        this.ruleId = ruleId;
    }

    /// <summary>The problems of the script in <paramref name="tree"/> (whose text maps to <paramref name="scriptPath"/> through #line).</summary>
    public static IReadOnlyList<Diagnostic> Check(SemanticModel model, SyntaxTree tree, string scriptPath, string? ruleId, AllowList? allowList = null)
    {
        var checker = new ScriptPolicyChecker(model, allowList ?? AllowList.Shipped, scriptPath, ruleId);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            checker.Visit(node);
        }

        // One problem per place: where a use is named, the most specific finding first.
        var reported = new HashSet<(int, string)>();
        var places = new HashSet<(int, int)>();
        return checker.found
            .OrderBy(f => f.Position).ThenBy(f => f.Priority)
            .Where(f => reported.Add((f.Line, f.Subject)) & places.Add((f.Line, f.Column)))
            .Select(f => f.Diagnostic)
            .ToList();
    }

    private void Visit(SyntaxNode node)
    {
        CheckConstruct(node);
        CheckState(node);
        switch (node)
        {
            case SimpleNameSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or ImplicitElementAccessSyntax or AttributeSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax:
                CheckSymbol(node, model.GetSymbolInfo(node).Symbol);
                break;
        }

        switch (node)
        {
            case ExpressionSyntax expression:
                var type = model.GetTypeInfo(expression);
                priority = 1;
                CheckType(node, type.Type);
                CheckType(node, type.ConvertedType);
                priority = 0;
                if (model.GetConversion(expression) is { IsUserDefined: true, MethodSymbol: { } conversion })
                {
                    CheckSymbol(node, conversion);
                }

                if (expression.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression })
                {
                    CheckSymbol(node, model.GetCollectionInitializerSymbolInfo(expression).Symbol);
                }

                break;
            case CommonForEachStatementSyntax forEach:
                var info = model.GetForEachStatementInfo(forEach);
                CheckSymbol(node, info.GetEnumeratorMethod);
                CheckSymbol(node, info.MoveNextMethod);
                CheckSymbol(node, info.CurrentProperty);
                CheckType(node, info.ElementType);
                break;
            case QueryClauseSyntax clause:
                CheckSymbol(node, model.GetQueryClauseInfo(clause).OperationInfo.Symbol);
                CheckSymbol(node, model.GetQueryClauseInfo(clause).CastInfo.Symbol);
                break;
            case UsingDirectiveSyntax { Name: { } name } directive when directive.Alias is not null || directive.StaticKeyword != default:
                CheckSymbol(node, model.GetSymbolInfo(name).Symbol);
                break;
            case BaseTypeDeclarationSyntax declaration:
                CheckBaseType(declaration);
                break;
        }
    }

    private void CheckConstruct(SyntaxNode node)
    {
        var refused = node switch
        {
            UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax => "unsafe code",
            StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc (it can overflow the stack, which ends the process)",
            MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax => "__makeref, __reftype and __refvalue",
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.ArgListExpression } => "__arglist",
            AwaitExpressionSyntax => "await (rules are synchronous)",
            LockStatementSyntax => "lock (rules share nothing between threads)",
            DestructorDeclarationSyntax => "a finalizer (it would run on the garbage collector's thread)",
            MemberDeclarationSyntax member when Has(member.Modifiers, SyntaxKind.UnsafeKeyword) => "unsafe code",
            MemberDeclarationSyntax member when Has(member.Modifiers, SyntaxKind.ExternKeyword) => "extern methods (interop)",
            MemberDeclarationSyntax member when Has(member.Modifiers, SyntaxKind.AsyncKeyword) => "async methods (rules are synchronous)",
            LocalFunctionStatementSyntax local when Has(local.Modifiers, SyntaxKind.UnsafeKeyword) => "unsafe code",
            LocalFunctionStatementSyntax local when Has(local.Modifiers, SyntaxKind.AsyncKeyword) || Has(local.Modifiers, SyntaxKind.ExternKeyword) => "async and extern local functions",
            AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword != default => "async lambdas (rules are synchronous)",
            _ => null,
        };
        if (refused is not null)
        {
            Report(node, DiagnosticCodes.ConstructRefused, refused, $"{refused} is not allowed in rule scripts");
        }
    }

    private void CheckState(SyntaxNode node)
    {
        switch (node)
        {
            case FieldDeclarationSyntax field when !Has(field.Modifiers, SyntaxKind.ReadOnlyKeyword) && !Has(field.Modifiers, SyntaxKind.ConstKeyword):
                var name = field.Declaration.Variables[0].Identifier.Text;
                Report(field.Declaration.Variables[0], DiagnosticCodes.MutableState, "mutable field", $"field '{name}' can be changed: rules are stateless and run on many threads at once, so every field is 'readonly' (or 'const'); compute per-event values inside the function");
                break;
            case FieldDeclarationSyntax field when model.GetTypeInfo(field.Declaration.Type).Type is { } type && IsMutableCollection(type):
                var variable = field.Declaration.Variables[0];
                Report(variable, DiagnosticCodes.MutableState, "mutable collection field", $"field '{variable.Identifier.Text}' is a {type.ToDisplayString()}, whose contents any evaluation could change: declare it as {ReadOnlyAlternative(type)} instead (it can still be initialised with a collection expression or 'new')");
                break;
            case EventFieldDeclarationSyntax eventField:
                Report(eventField, DiagnosticCodes.MutableState, "event field", "event fields are state that outlives one evaluation: rules are stateless");
                break;
            case CastExpressionSyntax cast when IsDowncastToMutable(cast.Type, cast.Expression):
                Report(cast.Type, DiagnosticCodes.MutableState, "cast to a mutable collection", CastMessage(cast.Type));
                break;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression, Right: TypeSyntax target } asCast when IsDowncastToMutable(target, asCast.Left):
                Report(target, DiagnosticCodes.MutableState, "cast to a mutable collection", CastMessage(target));
                break;
            case DeclarationPatternSyntax { Type: var target } when IsMutableTarget(target):
                Report(target, DiagnosticCodes.MutableState, "cast to a mutable collection", CastMessage(target));
                break;
            case TypePatternSyntax { Type: var target } when IsMutableTarget(target):
                Report(target, DiagnosticCodes.MutableState, "cast to a mutable collection", CastMessage(target));
                break;
            case RecursivePatternSyntax { Type: { } target } when IsMutableTarget(target):
                Report(target, DiagnosticCodes.MutableState, "cast to a mutable collection", CastMessage(target));
                break;
            case AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.SetAccessorDeclaration, Body: null, ExpressionBody: null } setter:
                Report(setter, DiagnosticCodes.MutableState, "settable auto-property", "an auto-property with 'set' is a mutable field: rules are stateless, so use 'get;' or 'init;'");
                break;
        }
    }

    /// <summary>A read-only view turned back into the mutable collection behind it could change what other rules see.</summary>
    private bool IsDowncastToMutable(TypeSyntax target, ExpressionSyntax operand) =>
        IsMutableTarget(target) && model.GetTypeInfo(operand).Type is { } source
        && (source.TypeKind == TypeKind.Interface || source.SpecialType == SpecialType.System_Object);

    private bool IsMutableTarget(TypeSyntax target) => model.GetTypeInfo(target).Type is { } type && IsMutableCollection(type);

    private string CastMessage(TypeSyntax target) =>
        $"a cast to '{target}' turns a read-only collection back into a mutable one: rules must not change what they are given, which other rules share; copy it instead (e.g. '.ToList()')";

    private void CheckBaseType(BaseTypeDeclarationSyntax declaration)
    {
        if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol { BaseType: { } baseType } || IsOwn(baseType))
        {
            return;
        }

        if (baseType.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum || IsException(baseType))
        {
            return;
        }

        // Deriving from a framework class reaches its protected members, which the allow-list does not vet.
        Report(declaration, DiagnosticCodes.ApiRefused, baseType.ToDisplayString(), $"'{declaration.Identifier.Text}' derives from '{baseType.ToDisplayString()}': rule scripts may derive only from their own types and from exceptions ({Guide})");
    }

    private void CheckSymbol(SyntaxNode node, ISymbol? symbol)
    {
        switch (symbol)
        {
            case null or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol or INamespaceSymbol or IPreprocessingSymbol:
                return;
            case IAliasSymbol alias:
                CheckSymbol(node, alias.Target);
                return;
            case ITypeSymbol type:
                CheckType(node, type);
                return;
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return;
            case IMethodSymbol method:
                foreach (var argument in method.TypeArguments)
                {
                    CheckType(node, argument);
                }

                CheckMember(node, method.ReducedFrom ?? method);
                if (IsRegexPatternMethod(method) && node.Parent is not InvocationExpressionSyntax && node is not InvocationExpressionSyntax && !(node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax }))
                {
                    Report(node, DiagnosticCodes.ApiRefused, "Regex method group", "a static Regex method used as a delegate would run without the engine's match timeout: call it directly");
                }

                return;
            default:
                CheckMember(node, symbol);
                return;
        }
    }

    private void CheckMember(SyntaxNode node, ISymbol member)
    {
        if (member.ContainingType is not { } type || IsOwn(type))
        {
            return;
        }

        CheckType(node, type);
        var definition = member.OriginalDefinition;
        if (IsRuleApi(type))
        {
            if (!IsPublic(definition))
            {
                Report(node, DiagnosticCodes.ApiRefused, Display(definition), $"'{Display(definition)}' is not part of the rule API (it is the engine's own); {Guide}");
            }

            return;
        }

        if (allowList.AllowsType(type.OriginalDefinition) && !allowList.AllowsMember(definition))
        {
            var qualified = $"{AllowList.NameOf(type.OriginalDefinition)}.{definition.Name}";
            Report(node, DiagnosticCodes.ApiRefused, qualified, $"'{qualified}' is not available to rule scripts: {CategoryOf(qualified, definition)}; {Guide}");
        }
    }

    private void CheckType(SyntaxNode node, ITypeSymbol? type)
    {
        switch (type)
        {
            case null or ITypeParameterSymbol or IErrorTypeSymbol:
                return;
            case IArrayTypeSymbol array:
                CheckType(node, array.ElementType);
                return;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                Report(node, DiagnosticCodes.ConstructRefused, "pointer", "pointers are unsafe code, which is not allowed in rule scripts");
                return;
            case IDynamicTypeSymbol:
                Report(node, DiagnosticCodes.ConstructRefused, "dynamic", "'dynamic' is not allowed in rule scripts: it binds members at run time, past every check; use the typed rule API");
                return;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    CheckType(node, argument);
                }

                if (IsOwn(named) || named.IsAnonymousType || named.IsTupleType)
                {
                    return;
                }

                if (IsRuleApi(named))
                {
                    if (!IsPublic(named))
                    {
                        Report(node, DiagnosticCodes.ApiRefused, named.ToDisplayString(), $"'{named.ToDisplayString()}' is not part of the rule API (it is the engine's own); {Guide}");
                    }

                    return;
                }

                if (!allowList.AllowsType(named))
                {
                    var qualified = AllowList.NameOf(named.OriginalDefinition);
                    Report(node, DiagnosticCodes.ApiRefused, qualified, $"'{qualified}' is not available to rule scripts: {RefusedCategory.Of(qualified)}; {Guide}");
                }

                return;
        }
    }

    private void Report(SyntaxNode node, string code, string subject, string message)
    {
        var anchor = Anchor(node);
        var span = anchor.GetLocation()!.GetMappedLineSpan();
        if (!span.IsValid || !span.HasMappedPath || span.Path != scriptPath)
        {
            return;
        }

        var line = span.StartLinePosition.Line + 1;
        var column = span.StartLinePosition.Character + 1;
        found.Add((anchor.SpanStart, priority, line, column, subject, Diagnostic.Error(code, new SourceLocation(scriptPath, line, column), message, ruleId)));
    }

    /// <summary>
    /// Where a finding is shown: a dotted name as a whole (<c>System.IO.File</c>), a member by its name
    /// (<c>e.GetType</c> at <c>GetType</c>), a call or creation by what it calls or creates, an operator by its token.
    /// </summary>
    private SyntaxNodeOrToken Anchor(SyntaxNode node)
    {
        switch (node)
        {
            case BinaryExpressionSyntax binary:
                return binary.OperatorToken;
            case AssignmentExpressionSyntax assignment:
                return assignment.OperatorToken;
            case PrefixUnaryExpressionSyntax prefix:
                return prefix.OperatorToken;
            case PostfixUnaryExpressionSyntax postfix:
                return postfix.OperatorToken;
            case InvocationExpressionSyntax invocation:
                return Anchor(invocation.Expression);
            case ObjectCreationExpressionSyntax creation:
                return Anchor(creation.Type);
            case ElementAccessExpressionSyntax element:
                return element.ArgumentList;
            case MemberAccessExpressionSyntax access when !IsStaticQualifier(access.Expression):
                return access.Name;
            case MemberBindingExpressionSyntax binding:
                return binding.Name;
            case ConditionalAccessExpressionSyntax conditional:
                return Anchor(conditional.WhenNotNull);
        }

        // Climb a dotted name whose parts before this one are namespaces or types: report it whole.
        while (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node
               || node.Parent is MemberAccessExpressionSyntax access && access.Name == node && IsStaticQualifier(access.Expression))
        {
            if (node.Parent is MemberAccessExpressionSyntax outer && !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(outer).Symbol, model.GetSymbolInfo(node).Symbol))
            {
                break;
            }

            node = node.Parent;
        }

        return node;
    }

    private bool IsStaticQualifier(ExpressionSyntax expression) =>
        model.GetSymbolInfo(expression).Symbol is INamespaceOrTypeSymbol;

    private bool IsOwn(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, model.Compilation.Assembly);

    private static bool IsRuleApi(ISymbol symbol) => symbol.ContainingAssembly?.Name == RuleApiAssembly;

    private static bool IsPublic(ISymbol symbol)
    {
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsException(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t is { Name: "Exception", ContainingNamespace.Name: "System" })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRegexPatternMethod(IMethodSymbol method) =>
        method.IsStatic
        && method.ContainingType is { Name: "Regex" } type && type.ToDisplayString() == "System.Text.RegularExpressions.Regex"
        && method.Parameters.Any(p => p.Name == "pattern");

    private static bool IsMutableCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol || (type is INamedTypeSymbol named && MutableCollections.Contains(AllowList.NameOf(named.OriginalDefinition)));

    private static string ReadOnlyAlternative(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => $"IReadOnlyList<{array.ElementType.ToDisplayString()}>",
        INamedTypeSymbol { Name: "HashSet" or "SortedSet" or "ISet", TypeArguments: [var item] } => $"IReadOnlySet<{item.ToDisplayString()}>",
        INamedTypeSymbol { Name: "Dictionary" or "SortedDictionary" or "SortedList" or "IDictionary", TypeArguments: [var key, var value] } => $"IReadOnlyDictionary<{key.ToDisplayString()}, {value.ToDisplayString()}>",
        INamedTypeSymbol { TypeArguments: [var item] } => $"IReadOnlyList<{item.ToDisplayString()}>",
        _ => "a string, or a read-only collection interface",
    };

    private string CategoryOf(string qualified, ISymbol member) =>
        allowList.WhyDenied(member) ?? RefusedCategory.Of(qualified);

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private static bool Has(SyntaxTokenList modifiers, SyntaxKind kind) => modifiers.Any(m => m.IsKind(kind));
}
