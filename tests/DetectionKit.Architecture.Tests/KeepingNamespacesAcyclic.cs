using DetectionKit.Architecture.Tests.Support;

namespace DetectionKit.Architecture.Tests;

/// <summary>
/// Dependencies between the first-party namespaces run one way: no namespace reaches itself
/// through others. Each cycle is reported with the file and line of one reference per edge.
/// </summary>
public sealed class KeepingNamespacesAcyclic
{
    private static FirstPartyModel Model => FirstPartyModel.Repository;

    [Test]
    public void TheModelCompilesEveryFirstPartySourceWithoutErrors() =>
        Assert.That(Model.CompileErrors, Is.Empty, "with errors the model could miss references; the build compiles them, so this model's setup is out of step");

    [Test]
    public void TheModelSeesTheReferencesAcrossNamespaces()
    {
        var dependencies = Model.NamespaceGraph().Dependencies.Select(d => (d.From, d.To)).ToList();

        Assert.That(dependencies, Does.Contain(("DetectionKit.Engine.Running", "DetectionKit.Engine.State")));
        Assert.That(dependencies, Does.Contain(("DetectionKit.Cli.Commands", "DetectionKit.Engine.Running")));
        Assert.That(dependencies, Does.Contain(("DetectionKit.Engine.Evaluation", "DetectionKit.Scripting")));
    }

    [Test]
    public void NoNamespaceDependsOnItselfThroughOthers()
    {
        var cycles = Model.NamespaceGraph().FindCycles();

        Assert.That(cycles.Count, Is.Zero, () => $"namespace cycles:{Environment.NewLine}{string.Join(Environment.NewLine, cycles)}");
    }
}
