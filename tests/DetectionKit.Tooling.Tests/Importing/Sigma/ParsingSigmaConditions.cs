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

    [Test]
    public void AnAggregationIsRecognisedAsOne()
    {
        var parsed = SigmaConditionParser.Parse("selection | count(userIdentity.arn) by sourceIPAddress > 5", out var error);

        Assert.That(parsed, Is.Null);
        Assert.That(error!.Value.Aggregation, Is.True);
        Assert.That(error.Value.Offset, Is.EqualTo(10));
    }
}
