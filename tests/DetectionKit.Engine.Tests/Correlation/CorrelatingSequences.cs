using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Correlation.CorrelationRecords;

namespace DetectionKit.Engine.Tests.Correlation;

public class CorrelatingSequences
{
    private const string DeniedBurst = """
        id: test.denied-burst
        title: Many denied operations
        severity: medium
        correlation:
          type: value_count
          timespan: 10m
          group_by: userIdentity.arn
          condition: { gte: 3 }
          steps:
            - name: denied
              function: Denied
        tests: []

        """;

    private const string DeniedScript = """
        bool Denied(CloudTrailEvent e) => e.ErrorCode == "AccessDenied";
        string Value(CloudTrailEvent e) => e.EventName;
        """;

    private static RuleSet Rules(TempRulesDirectory rules) => new(rules.Compile().Rules);

    [Test]
    public async Task ASequenceSplitOverTwoRunsFiresOnceWhicheverInputComesFirst()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-burst", DeniedScript, DeniedBurst);
        var earlier = Records(Call("e1", 0, "ListUsers", "AccessDenied"), Call("e2", 1, "ListRoles", "AccessDenied"));
        var later = Records(Call("e3", 2, "GetUser", "AccessDenied"), Call("e4", 3, "ListGroups", "AccessDenied"));
        var path = Path.Combine(rules.Root, "state.db");

        using (var state = SqliteAlertStateStore.Open(path))
        {
            var (_, first) = await Pipeline.RunAsync(Rules(rules), Inputs(later), state);
            Assert.That(first, Is.Empty, "two distinct values are not three");
            var (_, second) = await Pipeline.RunAsync(Rules(rules), Inputs(earlier), state);
            Assert.That(second, Has.Count.EqualTo(1));
            Assert.That(second[0].EventIds, Is.EqualTo(new[] { "e1", "e2", "e3" }), "the sequence is read in event time, the late file's events first");
            Assert.That(second[0].DedupKey, Is.EqualTo("arn:aws:iam::111122223333:user/alice"));

            var (_, replayed) = await Pipeline.RunAsync(Rules(rules), Inputs(earlier, later), state);
            Assert.That(replayed, Is.Empty, "a replay of the same events fires nothing new");
        }
    }

    [Test]
    public async Task TheRestOfABurstDoesNotFireAgainButALaterBurstDoes()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-burst", DeniedScript, DeniedBurst);
        var burst = Records(
            Call("a1", 0, "ListUsers", "AccessDenied"),
            Call("a2", 1, "ListRoles", "AccessDenied"),
            Call("a3", 2, "GetUser", "AccessDenied"),
            Call("a4", 3, "ListGroups", "AccessDenied"),
            Call("a5", 4, "ListPolicies", "AccessDenied"));
        var nextDay = Records(
            Call("b1", 24 * 60, "ListUsers", "AccessDenied"),
            Call("b2", 24 * 60 + 1, "ListRoles", "AccessDenied"),
            Call("b3", 24 * 60 + 2, "GetUser", "AccessDenied"));

        var (_, alerts) = await Pipeline.RunAsync(Rules(rules), Inputs(burst, nextDay));

        Assert.That(alerts.Select(a => a.EventIds[0]), Is.EqualTo(new[] { "a1", "b1" }));
    }

    [Test]
    public async Task AnOrderedSequenceFiresOnlyInItsOrderAndWithinItsTimespan()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/login-then-key", """
            bool SignIn(CloudTrailEvent e) => e.EventName == "ConsoleLogin";
            bool Key(CloudTrailEvent e) => e.EventName == "CreateAccessKey";
            """, """
            id: test.login-then-key
            title: Sign-in then access key
            severity: high
            correlation:
              type: temporal_ordered
              timespan: 30m
              group_by: userIdentity.arn
              steps:
                - { name: sign-in, function: SignIn }
                - { name: key, function: Key }
            tests: []

            """);

        var (_, reversed) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call("k", 0, "CreateAccessKey"), Call("s", 5, "ConsoleLogin", source: "signin.amazonaws.com"))));
        var (_, tooLate) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call("s", 0, "ConsoleLogin", source: "signin.amazonaws.com"), Call("k", 31, "CreateAccessKey"))));
        var (_, inOrder) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call("k", 20, "CreateAccessKey")), Records(Call("s", 0, "ConsoleLogin", source: "signin.amazonaws.com"))));

        Assert.That(reversed, Is.Empty);
        Assert.That(tooLate, Is.Empty);
        Assert.That(inOrder, Has.Count.EqualTo(1));
        Assert.That(inOrder[0].Context!["steps"]!.AsArray().Select(s => (string)s!["step"]!), Is.EqualTo(new[] { "sign-in", "key" }));
    }

    [Test]
    public async Task ACountThatStartsAtAStepCountsOnlyWhatFollowsIt()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/whoami-then-reads", """
            bool WhoAmI(CloudTrailEvent e) => e.EventName == "GetCallerIdentity";
            bool Read(CloudTrailEvent e) => e.EventName.StartsWith("List");
            string Value(CloudTrailEvent e) => e.EventName;
            """, """
            id: test.whoami-then-reads
            title: Who am I, then reads
            severity: medium
            correlation:
              type: value_count
              timespan: 10m
              group_by: userIdentity.arn
              after: whoami
              condition: { gte: 2 }
              steps:
                - { name: whoami, function: WhoAmI }
                - { name: read, function: Read }
            tests: []

            """);
        var readsFirst = Records(Call("r1", 0, "ListUsers"), Call("r2", 1, "ListRoles"), Call("w1", 2, "GetCallerIdentity", source: "sts.amazonaws.com"), Call("r3", 3, "ListUsers"));
        var whoamiFirst = Records(Call("w2", 30, "GetCallerIdentity", source: "sts.amazonaws.com"), Call("r4", 31, "ListUsers"), Call("r5", 32, "ListRoles"));

        var (_, alerts) = await Pipeline.RunAsync(Rules(rules), Inputs(readsFirst, whoamiFirst));

        Assert.That(alerts.Single().EventIds, Is.EqualTo(new[] { "w2", "r4", "r5" }), "reads before GetCallerIdentity do not count, nor does it");
    }

    [TestCase("a-sign-in", "b-key")]
    [TestCase("b-sign-in", "a-key")]
    public async Task StepsInTheSameSecondAreInOrderWhateverTheirIds(string signInId, string keyId)
    {
        using var rules = new TempRulesDirectory();
        AddSignInThenKey(rules, "temporal_ordered");

        var (_, alerts) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call(signInId, 0, "ConsoleLogin", source: "signin.amazonaws.com"), Call(keyId, 0, "CreateAccessKey"))));

        Assert.That(alerts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnUnorderedSequenceNeedsADifferentEventForEachStep()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/two-steps", """
            bool Iam(CloudTrailEvent e) => e.EventSource == "iam.amazonaws.com";
            bool Key(CloudTrailEvent e) => e.EventName == "CreateAccessKey";
            """, """
            id: test.two-steps
            title: Two steps
            severity: high
            correlation:
              type: temporal
              timespan: 30m
              group_by: userIdentity.arn
              steps:
                - { name: iam, function: Iam }
                - { name: key, function: Key }
            tests: []

            """);

        var (_, one) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call("k1", 0, "CreateAccessKey"))));
        var (_, two) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(Call("k1", 0, "CreateAccessKey"), Call("k2", 1, "CreateAccessKey"))));

        Assert.That(one, Is.Empty, "one event that matches both steps is not a sequence");
        Assert.That(two, Has.Count.EqualTo(1), "two events: each takes a step");
    }

    [Test]
    public async Task ABurstOfManyTimesTheConditionIsOneAlertPerTimespan()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-burst", DeniedScript, DeniedBurst);
        var calls = Enumerable.Range(0, 30).Select(i => Call($"d{i:D2}", i, $"List{i}", "AccessDenied")).ToArray();

        var (_, alerts) = await Pipeline.RunAsync(Rules(rules), Inputs(Records(calls)));

        Assert.That(alerts.Select(a => a.EventIds[0]), Is.EqualTo(new[] { "d00", "d11", "d22" }), "the minutes 0-10, then the next burst after them");
    }

    [Test]
    public async Task ASettingsSuppressionOfACorrelationRuleKeepsItsEventsOutOfItsGroups()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-burst", DeniedScript, DeniedBurst);
        var settings = rules.Write("org.settings.yml", "rules:\n  test.denied-burst:\n    suppressions:\n      - reason: the scanner\n        when: e.UserIdentity.Arn.EndsWith(\"/scanner\")\n");
        var loaded = RuleSetBuilder.Build(rules.Root, settingsPath: settings);
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty);
        var burst = (string user) => Records(Call($"{user}1", 0, "ListUsers", "AccessDenied", user), Call($"{user}2", 1, "ListRoles", "AccessDenied", user), Call($"{user}3", 2, "GetUser", "AccessDenied", user));

        var (_, alerts) = await Pipeline.RunAsync(loaded.RuleSet, Inputs(burst("scanner"), burst("mallory")));

        Assert.That(alerts.Select(a => a.DedupKey), Is.EqualTo(new[] { "arn:aws:iam::111122223333:user/mallory" }));
    }

    private static void AddSignInThenKey(TempRulesDirectory rules, string type) =>
        rules.AddRule("aws/login-then-key", """
            bool SignIn(CloudTrailEvent e) => e.EventName == "ConsoleLogin";
            bool Key(CloudTrailEvent e) => e.EventName == "CreateAccessKey";
            """, $$"""
            id: test.login-then-key
            title: Sign-in then access key
            severity: high
            correlation:
              type: {{type}}
              timespan: 30m
              group_by: userIdentity.arn
              steps:
                - { name: sign-in, function: SignIn }
                - { name: key, function: Key }
            tests: []

            """);

    [TestCase(false, 1)]
    [TestCase(true, 3)]
    public async Task StepRulesAlertOnTheirOwnOnlyWhenTheCorrelationSaysSo(bool generate, int expectedAlerts)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied", """bool Rule(CloudTrailEvent e) => e.ErrorCode == "AccessDenied"; string Dedup(CloudTrailEvent e) => e.EventId;""", RuleYaml.Rule("aws.denied", match: null, extra: "enabled: false\n"));
        rules.Write("aws/burst.yml", $$"""
            id: test.burst
            title: Denied burst
            severity: medium
            correlation:
              type: event_count
              timespan: 10m
              group_by: [userIdentity.arn]
              condition: { gt: 1 }
              steps:
                - { name: denied, rule: aws.denied }
              generate: {{(generate ? "true" : "false")}}
            tests: []

            """);
        var loaded = rules.Load();
        Assert.That(loaded.Rules.Single(r => r.Id == "test.burst").HasScript, Is.False, "a correlation of rule steps and field paths needs no script");
        var compiled = rules.Compile().Rules.Select(r => generate && r.Id == "aws.denied" ? r with { Definition = r.Definition with { Enabled = true } } : r);

        var (_, alerts) = await Pipeline.RunAsync(new RuleSet(compiled), Inputs(Records(Call("d1", 0, "ListUsers", "AccessDenied"), Call("d2", 1, "ListRoles", "AccessDenied"))));

        Assert.That(alerts, Has.Count.EqualTo(expectedAlerts));
        Assert.That(alerts.Count(a => a.RuleId == "test.burst"), Is.EqualTo(1), "the disabled rule still feeds the correlation");
    }

    [Test]
    public void AStepNamingAnUnknownRuleIsReportedWithTheClosestId()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied", "bool Rule(CloudTrailEvent e) => true;", RuleYaml.Rule("aws.denied"));
        rules.Write("aws/burst.yml", """
            id: test.burst
            title: Denied burst
            severity: medium
            correlation:
              type: event_count
              timespan: 10m
              group_by: userIdentity.arn
              condition: { gte: 2 }
              steps:
                - { name: denied, rule: aws.denid }
            tests: []

            """);

        var loaded = rules.Load();

        var problem = loaded.Diagnostics.Single(d => d.IsError);
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CorrelationUnknownRule));
        Assert.That(problem.Message, Does.Contain("'aws.denid'").And.Contain("did you mean 'aws.denied'?"));
        Assert.That(problem.Location.Line, Is.EqualTo(10));
        Assert.That(loaded.Rules.Select(r => r.Id), Is.EqualTo(new[] { "aws.denied" }), "the correlation cannot run as written; the other rule still does");
    }

    [Test]
    public void AStepFunctionTheScriptLacksIsACompileErrorAtTheStep()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-burst", "string Value(CloudTrailEvent e) => e.EventName;", DeniedBurst);

        var result = RuleCompiler.Compile(rules.Load().Rules);

        var problem = result.Diagnostics.Single(d => d.IsError);
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.RuleFunctionMissing));
        Assert.That(problem.Message, Does.Contain("'bool Denied(CloudTrailEvent e)'").And.Contain("step 'denied'"));
        Assert.That(result.Rules, Is.Empty);
    }

    [TestCase("type: temporal\n  timespan: 10m\n  group_by: userIdentity.arn\n  condition: { gte: 2 }\n  steps:\n    - { name: a, function: A }\n    - { name: b, function: B }", "'condition' applies to event_count and value_count")]
    [TestCase("type: temporal_ordered\n  timespan: 10m\n  group_by: userIdentity.arn\n  steps:\n    - { name: a, function: A }", "correlates at least two steps")]
    [TestCase("type: event_count\n  timespan: 10m\n  group_by: userIdentity.arn\n  steps:\n    - { name: a, function: A }", "needs a 'condition'")]
    [TestCase("type: event_count\n  timespan: 10m\n  field: eventName\n  group_by: userIdentity.arn\n  condition: { gte: 2 }\n  steps:\n    - { name: a, function: A }", "'field' names the value a value_count rule counts")]
    [TestCase("type: event_count\n  timespan: 10m\n  group_by: userIdentity.arn\n  condition: { gte: 2 }\n  steps:\n    - { name: a, function: A }\n    - { name: a, function: B }", "step name 'a' is already used")]
    [TestCase("type: temporal\n  timespan: 10m\n  group_by: userIdentity.arn\n  after: a\n  steps:\n    - { name: a, function: A }\n    - { name: b, function: B }", "'after' starts a count")]
    [TestCase("type: value_count\n  timespan: 10m\n  field: eventName\n  group_by: userIdentity.arn\n  after: c\n  condition: { gte: 2 }\n  steps:\n    - { name: a, function: A }\n    - { name: b, function: B }", "'after' names step 'c', which the rule does not have; it is one of: a, b")]
    [TestCase("type: event_count\n  timespan: 8d\n  group_by: userIdentity.arn\n  condition: { gte: 2 }\n  steps:\n    - { name: a, function: A }", "'timespan' is at most 7d")]
    public void ABlockThatItsTypeCannotMeanIsReported(string block, string message)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/x", "bool A(CloudTrailEvent e) => true; bool B(CloudTrailEvent e) => true;", $"id: test.x\ntitle: X\nseverity: low\ncorrelation:\n  {block}\ntests: []\n");

        var problem = rules.Load().Diagnostics.Single(d => d.IsError);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CorrelationInvalid));
        Assert.That(problem.Message, Does.Contain(message));
    }
}
