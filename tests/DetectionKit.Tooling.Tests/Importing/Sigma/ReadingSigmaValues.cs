using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

public sealed class ReadingSigmaValues
{
    [TestCase("plain", @"\Aplain\z")]
    [TestCase("a*b?c", @"\Aa.*b.c\z")]
    [TestCase(@"a\*b\?c", @"\Aa\*b\?c\z")]
    [TestCase(@"C:\Windows\*", @"\AC:\\Windows\*\z")]
    [TestCase(@"dir\\*", @"\Adir\\.*\z")]
    [TestCase(@"dir\\\*", @"\Adir\\\*\z")]
    [TestCase("a**b", @"\Aa.*b\z")]
    public void WildcardsAndEscapesReadAsTheSpecificationSays(string value, string regex) =>
        Assert.That(SigmaPattern.Parse(value).ToRegex(), Is.EqualTo(regex));

    [Test]
    public void WindashWritesEveryDashEveryWay()
    {
        var variants = SigmaPattern.Parse("-a /b").Windash().Select(p => p.LiteralText).ToList();

        Assert.That(variants, Has.Count.EqualTo(25));
        Assert.That(variants, Does.Contain("/a -b").And.Contain("\u2013a \u2014b"));
    }
}
