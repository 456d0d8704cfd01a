using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DetectionKit.Engine.Compilation.Safety;

/// <summary>
/// Rewrites a checked script so that it can be stopped: a step is counted at the top of every loop
/// body, labelled statement and switch section; every method, accessor, local function and lambda
/// counts a step and its call depth on entry (and leaves it in a <c>finally</c>); every regular
/// expression gets the engine's match timeout. Injected code never adds a line break, so compiler
/// messages and stack traces keep the author's line numbers. Scripts are compiled optimised, so every
/// method, accessor, local function and lambda is also marked never to be inlined: an inlined frame
/// would vanish from the stack trace, and an exception would be reported at its caller's line.
/// </summary>
internal sealed class BudgetInstrumenter : CSharpSyntaxRewriter
{
    private const string Meter = "global::DetectionKit.Scripting.Execution.ScriptMeter";
    private const string Regex = "System.Text.RegularExpressions.Regex";

    private static readonly StatementSyntax Step = SyntaxFactory.ParseStatement($"{Meter}.Step();");
    private static readonly StatementSyntax Enter = SyntaxFactory.ParseStatement($"{Meter}.Enter();");
    private static readonly TryStatementSyntax ExitInFinally = (TryStatementSyntax)SyntaxFactory.ParseStatement($"try {{ }} finally {{ {Meter}.Exit(); }}");
    private static readonly AttributeListSyntax NoInlining = MethodImpl("NoInlining");

    // The JIT's map from optimised loop code back to IL offsets can name the statement before the loop
    // (measured: an endless 'while' stopped by its budget was reported a line early), so a function
    // with a loop is left unoptimised; code without one maps exactly when optimised.
    private static readonly AttributeListSyntax NoInliningNorOptimisation = MethodImpl("NoInlining | global::System.Runtime.CompilerServices.MethodImplOptions.NoOptimization");

    private readonly SemanticModel model;

    private BudgetInstrumenter(SemanticModel model) => this.model = model;

    public static SyntaxTree Instrument(SyntaxTree tree, SemanticModel model) =>
        tree.WithRootAndOptions(new BudgetInstrumenter(model).Visit(tree.GetRoot()), tree.Options);

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
        NotInlined(MeterBaseMethod((BaseMethodDeclarationSyntax)base.VisitMethodDeclaration(node)!, model.GetDeclaredSymbol(node) is { ReturnsVoid: true }));

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        var returnsVoid = model.GetDeclaredSymbol(node) is IMethodSymbol { ReturnsVoid: true };
        var metered = visited.Body is { } body
            ? visited.WithBody(Metered(body, IsIterator(node.Body)))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Metered(arrow, visited.SemicolonToken, returnsVoid))
                : visited;
        return metered.Body is null ? metered : WithNoInlining(metered, n => n.AttributeLists, (n, lists) => n.WithAttributeLists(lists));
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        NotInlined(MeterBaseMethod((BaseMethodDeclarationSyntax)base.VisitConstructorDeclaration(node)!, returnsVoid: true));

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
        NotInlined(MeterBaseMethod((BaseMethodDeclarationSyntax)base.VisitOperatorDeclaration(node)!, returnsVoid: false));

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
        NotInlined(MeterBaseMethod((BaseMethodDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!, returnsVoid: false));

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        var returnsVoid = !node.IsKind(SyntaxKind.GetAccessorDeclaration);
        var metered = visited.Body is { } body
            ? visited.WithBody(Metered(body, IsIterator(node.Body)))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Metered(arrow, visited.SemicolonToken, returnsVoid))
                : visited;
        return metered.Body is null ? metered : WithNoInlining(metered, n => n.AttributeLists, (n, lists) => n.WithAttributeLists(lists));
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        MeterLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        MeterLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) =>
        MeterLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitAnonymousMethodExpression(node)!);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node)
    {
        // A backward goto is a loop.
        var visited = (LabeledStatementSyntax)base.VisitLabeledStatement(node)!;
        return visited.WithStatement(Stepped(visited.Statement));
    }

    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
    {
        // 'goto case' is a loop too.
        var visited = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
        return visited.WithStatements(visited.Statements.Insert(0, Step));
    }

    public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        var visited = (ObjectCreationExpressionSyntax)base.VisitObjectCreationExpression(node)!;
        return visited.ArgumentList is { } arguments && RegexMember(node) is { } constructor
            ? visited.WithArgumentList(WithTimeout(arguments, constructor))
            : visited;
    }

    public override SyntaxNode? VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node)
    {
        var visited = (ImplicitObjectCreationExpressionSyntax)base.VisitImplicitObjectCreationExpression(node)!;
        return RegexMember(node) is { } constructor ? visited.WithArgumentList(WithTimeout(visited.ArgumentList, constructor)) : visited;
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (RegexMember(node) is { IsStatic: true } method && method.Parameters.Any(p => p.Name == "pattern"))
        {
            return visited.WithArgumentList(WithTimeout(visited.ArgumentList, method));
        }

        // Sequences the framework would produce without a step: every element becomes one.
        return model.GetSymbolInfo(node).Symbol is IMethodSymbol { Name: "Range" or "Repeat", ContainingType.Name: "Enumerable" } generator
               && generator.ContainingType.ToDisplayString() == "System.Linq.Enumerable"
            ? visited.WithExpression(SyntaxFactory.ParseExpression($"{Meter}.{generator.Name}")).WithArgumentList(visited.ArgumentList)
            : visited;
    }

    private IMethodSymbol? RegexMember(ExpressionSyntax node) =>
        model.GetSymbolInfo(node).Symbol is IMethodSymbol { ContainingType.Name: "Regex" } method && method.ContainingType.ToDisplayString() == Regex ? method : null;

    /// <summary>Adds the engine's match timeout to a Regex construction or static call, or caps the one given.</summary>
    private static ArgumentListSyntax WithTimeout(ArgumentListSyntax arguments, IMethodSymbol method)
    {
        var timeout = method.Parameters.FirstOrDefault(p => p.Name == "matchTimeout");
        if (timeout is not null)
        {
            for (var index = 0; index < arguments.Arguments.Count; index++)
            {
                var argument = arguments.Arguments[index];
                if (argument.NameColon?.Name.Identifier.Text == "matchTimeout" || (argument.NameColon is null && index == timeout.Ordinal))
                {
                    var capped = SyntaxFactory.ParseExpression($"{Meter}.Clamp()") is InvocationExpressionSyntax clamp
                        ? clamp.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument.Expression))))
                        : throw new InvalidOperationException();
                    return arguments.WithArguments(arguments.Arguments.Replace(argument, argument.WithExpression(capped)));
                }
            }

            return arguments;
        }

        var added = new List<ArgumentSyntax>();
        if (method.Parameters.All(p => p.Name != "options"))
        {
            added.Add(NamedArgument("options", "global::System.Text.RegularExpressions.RegexOptions.None"));
        }

        added.Add(NamedArgument("matchTimeout", $"{Meter}.RegexTimeout"));
        return arguments.WithArguments(arguments.Arguments.AddRange(added));
    }

    private static ArgumentSyntax NamedArgument(string name, string expression) =>
        SyntaxFactory.Argument(SyntaxFactory.NameColon(name), default, SyntaxFactory.ParseExpression(expression));

    private SyntaxNode MeterLambda(AnonymousFunctionExpressionSyntax original, AnonymousFunctionExpressionSyntax visited)
    {
        var returnsVoid = model.GetSymbolInfo(original).Symbol is IMethodSymbol { ReturnsVoid: true };
        var metered = visited switch
        {
            { Block: { } block } => visited.WithBlock(Metered(block, iterator: false)),
            { ExpressionBody: { } body } when visited is LambdaExpressionSyntax lambda =>
                // The line break after '=>' moves to the block's brace, never both: that would add a line.
                lambda.WithArrowToken(lambda.ArrowToken.WithTrailingTrivia()).WithExpressionBody(null).WithBlock(Metered(body, returnsVoid, lambda.ArrowToken.TrailingTrivia)),
            _ => visited,
        };

        // An attribute needs a parenthesised parameter list ('x => ...' becomes '(x) => ...'); an
        // anonymous method ('delegate { }') cannot carry one, and may be inlined.
        return metered switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => WithNoInlining(lambda, n => n.AttributeLists, (n, lists) => n.WithAttributeLists(lists)),
            SimpleLambdaExpressionSyntax lambda => WithNoInlining(Parenthesized(lambda), n => n.AttributeLists, (n, lists) => n.WithAttributeLists(lists)),
            _ => metered,
        };
    }

    private static ParenthesizedLambdaExpressionSyntax Parenthesized(SimpleLambdaExpressionSyntax lambda) =>
        SyntaxFactory.ParenthesizedLambdaExpression(
                lambda.Modifiers,
                SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(lambda.Parameter.WithoutTrivia()))
                    .WithLeadingTrivia(lambda.Parameter.GetLeadingTrivia())
                    .WithTrailingTrivia(lambda.Parameter.GetTrailingTrivia()),
                lambda.Block,
                lambda.ExpressionBody)
            .WithArrowToken(lambda.ArrowToken);

    private static BaseMethodDeclarationSyntax NotInlined(BaseMethodDeclarationSyntax method) =>
        method.Body is null ? method : WithNoInlining(method, n => n.AttributeLists, (n, lists) => n.WithAttributeLists(lists));

    /// <summary>Puts the attribute first, taking over the declaration's leading trivia (a <c>#line</c> directive must start its line).</summary>
    private static T WithNoInlining<T>(T node, Func<T, SyntaxList<AttributeListSyntax>> listsOf, Func<T, SyntaxList<AttributeListSyntax>, T> withLists)
        where T : SyntaxNode
    {
        var bare = node.WithoutLeadingTrivia();
        var attribute = HasLoop(node) ? NoInliningNorOptimisation : NoInlining;
        return withLists(bare, listsOf(bare).Insert(0, attribute.WithLeadingTrivia(node.GetLeadingTrivia())));
    }

    /// <summary>A loop of the function itself (not of a lambda or local function in it, which are functions of their own).</summary>
    private static bool HasLoop(SyntaxNode function) =>
        function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or GotoStatementSyntax);

    private static AttributeListSyntax MethodImpl(string options) =>
        SyntaxFactory.ParseCompilationUnit($"[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.{options})] class C {{ }}")
            .Members[0].AttributeLists[0].WithTrailingTrivia(SyntaxFactory.Space);

    private static BaseMethodDeclarationSyntax MeterBaseMethod(BaseMethodDeclarationSyntax visited, bool returnsVoid) =>
        visited.Body is { } body
            ? visited.WithBody(Metered(body, IsIterator(body)))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Metered(arrow, visited.SemicolonToken, returnsVoid))
                : visited;

    private static AccessorListSyntax Getter(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon)
    {
        var body = Metered(arrow, semicolon, returnsVoid: false);
        var get = SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, body).WithKeyword(SyntaxFactory.Token(SyntaxKind.GetKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithAttributeLists(SyntaxFactory.SingletonList(NoInlining));
        return SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(get))
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space));
    }

    /// <summary><c>{ stmts }</c> becomes <c>{ Enter(); try { stmts } finally { Exit(); } }</c>; an iterator only counts a step.</summary>
    private static BlockSyntax Metered(BlockSyntax body, bool iterator)
    {
        if (iterator)
        {
            return body.WithStatements(body.Statements.Insert(0, Step));
        }

        var inner = SyntaxFactory.Block(body.Statements);
        return body.WithStatements(SyntaxFactory.List([Enter, ExitInFinally.WithBlock(inner)]));
    }

    /// <summary><c>=&gt; expr;</c> becomes a metered block, keeping the arrow's and semicolon's line breaks where they were.</summary>
    private static BlockSyntax Metered(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsVoid)
    {
        var block = Metered(arrow.Expression, returnsVoid, arrow.ArrowToken.TrailingTrivia);
        return block
            .WithOpenBraceToken(block.OpenBraceToken.WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia))
            .WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(semicolon.TrailingTrivia));
    }

    private static BlockSyntax Metered(ExpressionSyntax expression, bool returnsVoid, SyntaxTriviaList afterArrow)
    {
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax thrown => SyntaxFactory.ThrowStatement(thrown.Expression).WithThrowKeyword(SyntaxFactory.Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
            _ when returnsVoid => SyntaxFactory.ExpressionStatement(expression),
            _ => SyntaxFactory.ReturnStatement(expression).WithReturnKeyword(SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
        };
        var inner = SyntaxFactory.Block(statement);
        return SyntaxFactory.Block(Enter, ExitInFinally.WithBlock(inner))
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(afterArrow));
    }

    /// <summary>Counts a step before the statement runs, without changing its line.</summary>
    private static StatementSyntax Stepped(StatementSyntax statement) =>
        statement is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, Step))
            : SyntaxFactory.Block(Step, statement.WithoutTrivia())
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia());

    private static bool IsIterator(BlockSyntax? body) =>
        body is not null && body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is YieldStatementSyntax);
}
