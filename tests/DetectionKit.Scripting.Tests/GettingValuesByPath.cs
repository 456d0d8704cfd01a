using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class GettingValuesByPath
{
    private const string Json = """
        {
          "a": { "b": { "c": "deep", "n": 42, "f": 1.5, "t": true, "no": false, "nil": null } },
          "resources": [ { "ARN": "arn:aws:s3:::first" }, { "ARN": "arn:aws:s3:::second" } ],
          "list": [ "x", "y" ]
        }
        """;

    private static readonly CloudTrailEvent Event = Some.Event(Json);

    [Test]
    public void ANestedStringIsReturnedAsItIs()
    {
        Assert.That(Event.Get("a.b.c"), Is.EqualTo("deep"));
    }

    [Test]
    public void NumbersAndBooleansAreReturnedAsTheirJsonText()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Event.Get("a.b.n"), Is.EqualTo("42"));
            Assert.That(Event.Get("a.b.f"), Is.EqualTo("1.5"));
            Assert.That(Event.Get("a.b.t"), Is.EqualTo("true"));
            Assert.That(Event.Get("a.b.no"), Is.EqualTo("false"));
        });
    }

    [Test]
    public void ObjectsAndArraysAreReturnedAsCompactJsonWhateverTheSourceLayout()
    {
        Assert.That(Event.Get("list"), Is.EqualTo("""["x","y"]"""));
        Assert.That(Event.Get("resources.0"), Is.EqualTo("""{"ARN":"arn:aws:s3:::first"}"""));
    }

    [Test]
    public void AnAbsentPathIsNull()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Event.Get("a.b.missing"), Is.Null);
            Assert.That(Event.Get("missing.b.c"), Is.Null);
            Assert.That(Event.Get("a.b.c.deeper"), Is.Null);
        });
    }

    [Test]
    public void JsonNullIsNullAndDoesNotCountAsPresent()
    {
        Assert.That(Event.Get("a.b.nil"), Is.Null);
        Assert.That(Event.Has("a.b.nil"), Is.False);
        Assert.That(Event.Element("a.b.nil"), Is.Null);
        Assert.That(Event.Has("a.b.n"), Is.True);
    }

    [Test]
    public void ANumericSegmentIndexesAnArray()
    {
        Assert.That(Event.Get("resources.0.ARN"), Is.EqualTo("arn:aws:s3:::first"));
        Assert.That(Event.Get("resources.1.ARN"), Is.EqualTo("arn:aws:s3:::second"));
        Assert.That(Event.Get("list.1"), Is.EqualTo("y"));
    }

    [Test]
    public void AnIndexOutsideTheArrayIsNull()
    {
        Assert.That(Event.Get("resources.2.ARN"), Is.Null);
        Assert.That(Event.Get("resources.-1.ARN"), Is.Null);
        Assert.That(Event.Get("resources.first"), Is.Null);
    }

    [Test]
    public void AnEmptyPathIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Event.Get(string.Empty));
    }
}
