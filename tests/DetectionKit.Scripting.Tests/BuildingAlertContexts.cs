using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class BuildingAlertContexts
{
    [Test]
    public void TheRulesFieldsComeFirstThenTheStandardOnes()
    {
        var e = Some.Event(Some.Record());

        var context = e.StandardContext(new { trail = e.RequestParameter("name"), count = 2 });

        Assert.That(context.Keys, Is.EqualTo(new[] { "trail", "count", "actor", "region", "sourceIp", "userAgent", "invokedBy" }));
        Assert.That(context["trail"], Is.EqualTo("prod-trail"));
        Assert.That(context["actor"], Is.EqualTo("arn:aws:iam::111122223333:user/alice"));
        Assert.That(context["region"], Is.EqualTo("us-east-1"));
        Assert.That(context["sourceIp"], Is.EqualTo("203.0.113.7"));
        Assert.That(context["userAgent"], Is.EqualTo("aws-cli/2.15.0"));
        Assert.That(context["invokedBy"], Is.Null);
    }

    [Test]
    public void AFieldTheRuleNamesItselfIsNotReplaced()
    {
        var e = Some.Event(Some.Record());

        var context = e.StandardContext(new Dictionary<string, object?> { ["actor"] = "role/deployer" });

        Assert.That(context["actor"], Is.EqualTo("role/deployer"));
        Assert.That(context, Has.Count.EqualTo(5));
    }

    [Test]
    public void WithoutFieldsItIsTheStandardOnes() =>
        Assert.That(Some.Event(Some.Record()).StandardContext().Keys, Is.EqualTo(new[] { "actor", "region", "sourceIp", "userAgent", "invokedBy" }));
}
