using System.Text;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Tooling.Tests.Benchmarking;

public sealed class ParsingTheFloor
{
    [TestCase("""{"Records":[{"eventName":"A"},{"eventName":"B"},{"eventName":"C"}]}""", 3)]
    [TestCase("""{"Records":[{"a":1}],"other":{"x":[1,2]}}""", 1)]
    [TestCase("""[{"eventName":"A"},{"eventName":"B"}]""", 2)]
    [TestCase("""{"eventName":"A","Records":"not an array"}""", 1)]
    [TestCase("\uFEFF{\"eventName\":\"A\"}", 1)]
    [TestCase("{\"eventName\":\"A\"}\n{\"Records\":[{\"b\":1},{\"c\":2}]}\n[{\"d\":1}]\n", 4)]
    [TestCase("", 0)]
    public void EveryRecordIsParsedOnItsOwnInEveryShapeTheReadersAccept(string json, int records)
    {
        Assert.That(ParseFloor.CountRecords(Encoding.UTF8.GetBytes(json)), Is.EqualTo(records));
    }
}
