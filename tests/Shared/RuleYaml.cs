using System.Text;
using System.Text.Json.Nodes;

namespace DetectionKit.Tests.Shared;

/// <summary>Rule YAML text for tests; inline events are written as JSON, which is valid YAML flow.</summary>
internal static class RuleYaml
{
    /// <summary>
    /// A rule on <c>StopLogging</c> that passes the case gate unless <paramref name="tests"/> says
    /// otherwise. <paramref name="match"/> null leaves the <c>match</c> block out; <paramref name="extra"/>
    /// is inserted as whole lines before <c>tests</c>.
    /// </summary>
    public static string Rule(
        string id,
        string title = "Trail stopped",
        string severity = "high",
        string? match = "eventName: StopLogging",
        string? tests = null,
        string extra = "")
    {
        var text = new StringBuilder();
        text.Append("id: ").Append(id).Append('\n');
        text.Append("title: ").Append(title).Append('\n');
        text.Append("severity: ").Append(severity).Append('\n');
        if (match is not null)
        {
            text.Append("match:\n  ").Append(match).Append('\n');
        }

        text.Append(extra);
        text.Append("tests:\n").Append(tests ?? DefaultCases);
        return text.ToString();
    }

    /// <summary>"stop logging" (a successful call, expect true) and "denied stop logging" (expect false).</summary>
    public static string DefaultCases =>
        Case("stop logging", true, Some.Record()) + Case("denied stop logging", false, Some.Record(errorCode: "AccessDenied"));

    public static string Case(string name, bool expect, JsonObject record) =>
        $"  - name: {name}\n    expect: {(expect ? "true" : "false")}\n    event: {record.ToJsonString()}\n";

    public static string FileCase(string name, bool expect, string file) =>
        $"  - name: {name}\n    expect: {(expect ? "true" : "false")}\n    file: {file}\n";
}
