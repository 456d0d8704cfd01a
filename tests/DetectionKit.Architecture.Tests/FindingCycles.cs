using DetectionKit.Architecture.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Architecture.Tests;

/// <summary>The cycle finder and the reference walker on small graphs and sources made up for the purpose.</summary>
public sealed class FindingCycles
{
    [Test]
    public void AGraphThatOnlyFlowsOneWayHasNoCycle()
    {
        var graph = Graph(("A", "B"), ("B", "C"), ("A", "C"), ("D", "C"));

        Assert.That(graph.FindCycles(), Is.Empty);
    }

    [Test]
    public void ACycleNamesItsNamespacesAndOneFileAndLinePerEdge()
    {
        var graph = Graph(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"));

        var cycle = graph.FindCycles().Single();

        Assert.That(cycle.Namespaces, Is.EqualTo(new[] { "A", "B", "C" }));
        Assert.That(cycle.Edges.Select(e => e.Where.ToString()), Is.EqualTo(new[] { "A.cs:1", "B.cs:1", "C.cs:1" }));
        Assert.That(cycle.ToString(), Does.StartWith("A -> B -> C -> A").And.Contain("C uses A at C.cs:1"));
    }

    [Test]
    public void EveryNamespaceOfATangleIsShownInOneOfItsShortestRings()
    {
        var graph = Graph(("A", "B"), ("B", "A"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "X"));

        var cycles = graph.FindCycles();

        Assert.That(cycles.Select(c => string.Join(" ", c.Namespaces)), Is.EqualTo(new[] { "A B", "C A B", "X Y" }));
    }

    [Test]
    public void ANamespaceUsingItselfIsNoCycle()
    {
        var graph = Graph(("A", "A"), ("A", "B"));

        Assert.That(graph.FindCycles(), Is.Empty);
        Assert.That(graph.Dependencies.Select(d => d.ToString()), Is.EqualTo(new[] { "A -> B (A.cs:1)" }));
    }

    [Test]
    public void TheFirstPlaceADependencyIsSeenIsTheOneReported()
    {
        var graph = new DependencyGraph();
        graph.Add("A", "B", new CodeLocation("A.cs", 3));
        graph.Add("A", "B", new CodeLocation("A.cs", 9));

        Assert.That(graph.Dependencies.Single().Where, Is.EqualTo(new CodeLocation("A.cs", 3)));
    }

    [Test]
    public void TheWalkerFindsACycleMadeOfAnExtensionMethodAndAVar()
    {
        var compilation = Compile(
            ("Orders/Order.cs", "using Shop.Billing;\nnamespace Shop.Orders;\npublic sealed class Order\n{\n    public decimal Total => 2m.WithTax();\n}\n"),
            ("Billing/Tax.cs", "namespace Shop.Billing;\npublic static class Tax\n{\n    public static decimal WithTax(this decimal amount) => amount * 1.2m;\n}\n"),
            ("Billing/Invoice.cs", "namespace Shop.Billing;\npublic static class Invoice\n{\n    public static decimal Latest()\n    {\n        var order = Shop.Store.Shelf.LatestOrder();\n        return order.Total;\n    }\n}\n"),
            ("Store/Shelf.cs", "namespace Shop.Store;\npublic static class Shelf\n{\n    public static Shop.Orders.Order LatestOrder() => new();\n}\n"));

        var graph = new DependencyGraph();
        foreach (var reference in SymbolReferences.In(compilation, new HashSet<string> { "Shop" }, "/src"))
        {
            graph.Add(reference.FromNamespace, reference.ToNamespace, reference.Where);
        }

        var cycles = graph.FindCycles();
        Assert.That(cycles.Select(c => c.Edges.Select(e => e.ToString())), Is.EqualTo(new[]
        {
            new[] { "Shop.Billing -> Shop.Orders (Billing/Invoice.cs:6)", "Shop.Orders -> Shop.Billing (Orders/Order.cs:5)" },
            new[] { "Shop.Store -> Shop.Orders (Store/Shelf.cs:4)", "Shop.Orders -> Shop.Billing (Orders/Order.cs:5)", "Shop.Billing -> Shop.Store (Billing/Invoice.cs:6)" },
        }));
    }

    [Test]
    public void TheWalkerCountsOnlyTheGivenAssemblies()
    {
        var compilation = Compile(("A.cs", "namespace A;\npublic sealed class X\n{\n    public System.Collections.Generic.List<string> Names { get; } = new();\n}\n"));

        Assert.That(SymbolReferences.In(compilation, new HashSet<string> { "Shop" }, "/src").Select(r => r.ToNamespace), Is.Empty);
    }

    private static DependencyGraph Graph(params (string From, string To)[] edges)
    {
        var graph = new DependencyGraph();
        foreach (var (from, to) in edges)
        {
            graph.Add(from, to, new CodeLocation(from + ".cs", 1));
        }

        return graph;
    }

    private static CSharpCompilation Compile(params (string Path, string Text)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Shop",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, path: "/src/" + f.Path)),
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(Func<>).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the made-up sources compile");
        return compilation;
    }
}
