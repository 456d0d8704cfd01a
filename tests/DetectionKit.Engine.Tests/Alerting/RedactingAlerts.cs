using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.Alerting;

/// <summary>An alert never carries the secrets of its event, whatever the rule copied or formatted, nor a string past the size limit.</summary>
public sealed class RedactingAlerts
{
    private const string Password = "correct-horse-battery";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLEtoken";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Test]
    public void ATitleBuiltFromThePasswordInTheRequestIsScrubbed()
    {
        var record = WithSecrets();

        var alert = For(record, title: $"Sign-in with password {Password} by alice");

        Assert.That(alert.Title, Is.EqualTo($"Sign-in with password {AlertRedaction.Marker} by alice"));
    }

    [Test]
    public void TheDeliveredDedupKeyIsScrubbedWhileGroupingKeepsTheKeyTheRuleGave()
    {
        var match = Match(WithSecrets(), dedupKey: $"{Some.AccountId}:{Password}");

        Assert.That(match.FirstAlert.DedupKey, Is.EqualTo($"{Some.AccountId}:{AlertRedaction.Marker}"));
        Assert.That(match.DedupKey, Is.EqualTo($"{Some.AccountId}:{Password}"));
        Assert.That(match.AlertId, Is.EqualTo(AlertMatch.IdOf(SomeAlert.Scope, "rule", $"{Some.AccountId}:{Password}", match.WindowStart)));
    }

    [Test]
    public void AContextCopyingTheWholeRecordIsScrubbedWhereverTheValuesSit()
    {
        var record = WithSecrets();
        var context = new JsonObject
        {
            ["record"] = record.DeepClone(),
            ["note"] = $"the caller sent {Password} and got {SessionToken}",
            [Password] = "a value the rule keyed by the password",
        };

        var alert = For(record, context: context);

        var delivered = AlertJson.ToJson(alert).ToJsonString();
        Assert.That(delivered, Does.Not.Contain(Password).And.Not.Contain(SessionToken).And.Not.Contain(SecretKey));
        var scrubbed = alert.Context!.AsObject();
        Assert.That(scrubbed["note"]!.GetValue<string>(), Is.EqualTo($"the caller sent {AlertRedaction.Marker} and got {AlertRedaction.Marker}"));
        Assert.That(scrubbed["record"]!["responseElements"]!["credentials"]!["accessKeyId"]!.GetValue<string>(), Is.EqualTo("ASIAEXAMPLEKEYID"), "what is not under a sensitive key stays");
        Assert.That(scrubbed[AlertRedaction.Marker]!.GetValue<string>(), Is.EqualTo("a value the rule keyed by the password"));
    }

    [Test]
    public void AValueShorterThanFourCharactersAndCloudTrailsOwnPlaceholderAreLeftAlone()
    {
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["password"] = "abc", ["newPassword"] = "HIDDEN_DUE_TO_SECURITY_REASONS" };

        var alert = For(record, title: "abc changed: HIDDEN_DUE_TO_SECURITY_REASONS");

        Assert.That(alert.Title, Is.EqualTo("abc changed: HIDDEN_DUE_TO_SECURITY_REASONS"));
    }

    [Test]
    public async Task AKeyNamedInTheSettingsFileIsScrubbedToo()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("token", """
            bool Rule(CloudTrailEvent e) => e.IsSuccess;

            string Title(CloudTrailEvent e) => $"Webhook registered with token {e.RequestParameter("webhook.hookToken")}";
            """);
        var settings = rules.Write("org.settings.yml", "alerts:\n  redactKeys: [HookToken]\n");
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["webhook"] = new JsonObject { ["hookToken"] = "tok-8f2e1c9a" } };

        var shipped = RuleSetBuilder.Build(rules.Root);
        var configured = RuleSetBuilder.Build(rules.Root, settingsPath: settings);
        Assert.That(configured.Diagnostics, Is.Empty);
        var (_, plain) = await Pipeline.RunAsync(shipped.RuleSet, Pipeline.Stdin(Some.JsonLines(record)));
        var (_, redacted) = await Pipeline.RunAsync(configured.RuleSet, Pipeline.Stdin(Some.JsonLines(record)));

        Assert.That(plain.Single().Title, Is.EqualTo("Webhook registered with token tok-8f2e1c9a"), "hookToken is not in the built-in list");
        Assert.That(redacted.Single().Title, Is.EqualTo($"Webhook registered with token {AlertRedaction.Marker}"));
    }

    [Test]
    public void ALongValueIsCutWithAMarkerThatSaysHowMuch()
    {
        var request = new string('x', 10_000);
        var context = new JsonObject { ["userData"] = request, ["short"] = "kept" };

        var alert = For(Some.Record(), title: new string('t', 5_000), context: context);

        var cut = alert.Context!["userData"]!.GetValue<string>();
        Assert.That(cut, Is.EqualTo(new string('x', AlertRedaction.MaxStringLength) + "…[truncated 5904 chars]"));
        Assert.That(alert.Context!["short"]!.GetValue<string>(), Is.EqualTo("kept"));
        Assert.That(alert.Title, Does.EndWith("…[truncated 904 chars]").And.StartWith(new string('t', AlertRedaction.MaxStringLength)));
    }

    [Test]
    public void AContextValueThatOnlySerialisesAsAStringIsScrubbedToo()
    {
        var id = Guid.Parse("6f1c2a9e-0000-4000-8000-00000000abcd");
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["clientSecret"] = id.ToString() };

        var alert = For(record, context: new JsonObject { ["secret"] = JsonValue.Create(id) });

        Assert.That(alert.Context!["secret"]!.GetValue<string>(), Is.EqualTo(AlertRedaction.Marker));
    }

    /// <summary>A record with a password in the request and temporary credentials in the response.</summary>
    private static JsonObject WithSecrets()
    {
        var record = Some.Record();
        record["requestParameters"] = new JsonObject { ["userName"] = "alice", ["Password"] = Password };
        record["responseElements"] = new JsonObject
        {
            ["credentials"] = new JsonObject { ["accessKeyId"] = "ASIAEXAMPLEKEYID", ["secretAccessKey"] = SecretKey, ["sessionToken"] = SessionToken },
        };
        return record;
    }
}
