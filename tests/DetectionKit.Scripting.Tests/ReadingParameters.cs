using DetectionKit.Scripting.Execution;

namespace DetectionKit.Scripting.Tests;

public sealed class ReadingParameters
{
    private static readonly Dictionary<string, object> Values = new()
    {
        ["knownAccounts"] = new HashSet<string> { "111122223333" },
        ["ownEgress"] = new List<Cidr> { Cidr.Parse("198.51.100.0/24") },
        ["watched"] = new List<string> { "StopLogging" },
        ["team"] = "platform",
        ["many"] = 20.0,
        ["strict"] = true,
    };

    [Test]
    public void EachAccessorReturnsTheValueOfItsType()
    {
        using var scope = ParameterScope.Enter(Values);

        Assert.That(Parameters.AccountIds("knownAccounts"), Does.Contain("111122223333"));
        Assert.That(SourceAddress.Of("198.51.100.9").IsIn(Parameters.Cidrs("ownEgress")), Is.True);
        Assert.That(Parameters.Strings("watched"), Is.EqualTo(new[] { "StopLogging" }));
        Assert.That(Parameters.Text("team"), Is.EqualTo("platform"));
        Assert.That(Parameters.Number("many"), Is.EqualTo(20.0));
        Assert.That(Parameters.Bool("strict"), Is.True);
    }

    [Test]
    public void OutsideARuleFunctionThereAreNoValues()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Parameters.Bool("strict"));

        Assert.That(thrown!.Message, Does.Contain("while the script's fields were initialised"));
    }

    [Test]
    public void ANameTheRuleDoesNotDeclareIsNamedInTheError()
    {
        using var scope = ParameterScope.Enter(Values);

        var thrown = Assert.Throws<InvalidOperationException>(() => Parameters.Strings("watchd"));

        Assert.That(thrown!.Message, Does.Contain("no parameter 'watchd'"));
    }

    [Test]
    public void TheWrongAccessorIsAnError()
    {
        using var scope = ParameterScope.Enter(Values);

        Assert.Throws<InvalidOperationException>(() => Parameters.Text("many"));
    }

    [Test]
    public void AnInnerScopeHidesTheOuterUntilItEnds()
    {
        using var outer = ParameterScope.Enter(Values);
        using (ParameterScope.Enter(new Dictionary<string, object> { ["team"] = "security" }))
        {
            Assert.That(Parameters.Text("team"), Is.EqualTo("security"));
        }

        Assert.That(Parameters.Text("team"), Is.EqualTo("platform"));
    }

    [Test]
    public void ValuesAreNotSharedWithOtherThreads()
    {
        using var scope = ParameterScope.Enter(Values);

        IReadOnlyDictionary<string, object>? elsewhere = Values;
        var thread = new Thread(() => elsewhere = ParameterScope.Current);
        thread.Start();
        thread.Join();

        Assert.That(elsewhere, Is.Null);
    }
}
