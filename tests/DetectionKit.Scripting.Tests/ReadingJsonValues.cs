using System.Text.Json;

namespace DetectionKit.Scripting.Tests;

public sealed class ReadingJsonValues
{
    private static readonly JsonElement Json = JsonSerializer.Deserialize<JsonElement>("""
        {
          "one": "a",
          "many": ["a", "b", null, 3],
          "none": null,
          "nested": { "list": [ { "field": "eventCategory", "equals": ["Management"] } ], "flag": false }
        }
        """);

    [Test]
    public void AnyElementIsReadByDottedPathAsTheEventIs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json.Get("nested.list.0.field"), Is.EqualTo("eventCategory"));
            Assert.That(Json.Get("nested.flag"), Is.EqualTo("false"));
            Assert.That(Json.Get("nested.list.0.equals"), Is.EqualTo("""["Management"]"""));
            Assert.That(Json.Get("missing"), Is.Null);
            Assert.That(Json.Element("nested.list")?.GetArrayLength(), Is.EqualTo(1));
            Assert.That(Json.Element("none"), Is.Null);
            Assert.That(Json.Has("none"), Is.False);
            Assert.That(Json.Has("one"), Is.True);
        });
    }

    [Test]
    public void OneValueAndAListOfValuesEnumerateAlike()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json.Strings("one"), Is.EqualTo(new[] { "a" }));
            Assert.That(Json.Strings("many"), Is.EqualTo(new[] { "a", "b", "3" }), "nulls left out, numbers as text");
            Assert.That(Json.Values("many").Count(), Is.EqualTo(4));
            Assert.That(Json.Values("one").Single().GetString(), Is.EqualTo("a"));
        });
    }

    [Test]
    public void NullOrAbsentIsNoValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json.Values("none"), Is.Empty);
            Assert.That(Json.Values("missing"), Is.Empty);
            Assert.That(Json.Strings("missing"), Is.Empty);
            Assert.That(((JsonElement?)null).Values(), Is.Empty);
            Assert.That(default(JsonElement).Values(), Is.Empty);
        });
    }

    [Test]
    public void AnElementReadsAsTextLikeAValue()
    {
        Assert.That(Json.Element("one")!.Value.AsText(), Is.EqualTo("a"));
        Assert.That(Json.Element("nested.list.0")!.Value.AsText(), Is.EqualTo("""{"field":"eventCategory","equals":["Management"]}"""));
    }
}
