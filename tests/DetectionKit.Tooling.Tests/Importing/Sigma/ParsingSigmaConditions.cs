using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

public sealed class ParsingSigmaConditions
{
    [TestCase("selection", "selection")]
    [TestCase("selection and not filter", "(selection and not filter)")]
    [TestCase("a or b and not c", "(a or (b and not c))")]
    [TestCase("(a or b) and c", "((a or b) and c)")]
    [TestCase("not not a", "not not a")]
    [TestCase("1 of selection_* and not 1 of filter*", "(1 of selection_* and not 1 of filter*)")]
    [TestCase("all of them", "all of them")]
    [TestCase("1 of them", "1 of them")]
    [TestCase("any of sel*", "1 of sel*")]
    [TestCase("ALL OF sel* AND NOT filter", "(all of sel* and not filter)")]
    [TestCase("a or b or c", "(a or b or c)")]
    public void TheConditionParsesWithSigmasPrecedence(string condition, string tree)
    {
        var parsed = SigmaConditionParser.Parse(condition, out var error);

        Assert.That(error, Is.Null);
        Assert.That(parsed!.ToString(), Is.EqualTo(tree));
    }

    [TestCase("selection and", 13, "the condition ends where")]
    [TestCase("(a or b", 7, "'(' is not closed")]
    [TestCase("a b", 2, "unexpected 'b' after a complete condition")]
    [TestCase("2 of sel*", 0, "'2 of' is not Sigma")]
    [TestCase("sel*", 0, "is a pattern")]
    [TestCase("a and or b", 6, "'or' where a search identifier")]
    [TestCase("a & b", 2, "unexpected character '&'")]
    public void AMalformedConditionSaysWhatAndWhere(string condition, int offset, string message)
    {
        var parsed = SigmaConditionParser.Parse(condition, out var error);

        Assert.That(parsed, Is.Null);
        Assert.That(error!.Value.Offset, Is.EqualTo(offset));
        Assert.That(error.Value.Message, Does.Contain(message));
        Assert.That(error.Value.Aggregation, Is.False);
    }

    [TestCase("(", ")")]
    [TestCase("not ", "")]
    public void AConditionNestedDeeperThanAnyRuleNeedsIsRefusedAtTheLevelThatIsTooDeep(string open, string close)
    {
        // A condition is one text of up to the YAML limit: nesting must not become recursion without end.
        var condition = string.Concat(Enumerable.Repeat(open, 100_000)) + "selection" + string.Concat(Enumerable.Repeat(close, 100_000));

        var parsed = SigmaConditionParser.Parse(condition, out var error);

        Assert.That(parsed, Is.Null);
        Assert.That(error!.Value.Message, Does.Contain("deeper than 64"));
        Assert.That(error.Value.Offset, Is.EqualTo(64 * open.Length));
    }

    [Test]
    public void AnAggregationIsRecognisedAsOne()
    {
        var parsed = SigmaConditionParser.Parse("selection | count(userIdentity.arn) by sourceIPAddress > 5", out var error);

        Assert.That(parsed, Is.Null);
        Assert.That(error!.Value.Aggregation, Is.True);
        Assert.That(error.Value.Offset, Is.EqualTo(10));
    }
}
