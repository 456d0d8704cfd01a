using System.Net;
using System.Text.Json;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class ReadingPolicyDocuments
{
    private const string Public = """{"Version":"2012-10-17","Statement":{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}}""";

    [Test]
    public void APolicyIsReadFromAnObjectJsonTextOrUrlEncodedJsonText()
    {
        var forms = new[]
        {
            PolicyDocument.Parse(JsonSerializer.Deserialize<JsonElement>(Public)),
            PolicyDocument.Parse(Public),
            PolicyDocument.Parse(WebUtility.UrlEncode(Public)),
            PolicyDocument.Parse(JsonSerializer.SerializeToElement(Public)),
            PolicyDocument.Parse(JsonSerializer.SerializeToElement(WebUtility.UrlEncode(Public))),
        };

        Assert.That(forms.Select(p => (p.Version, p.Statements.Count, p.Statements[0].Sid, p.Json?.ValueKind)), Is.All.EqualTo(("2012-10-17", 1, "Anyone", (JsonValueKind?)JsonValueKind.Object)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not a policy")]
    [TestCase("[1, 2]")]
    [TestCase("%7B%22broken")]
    public void WhatIsNotAPolicyIsTheEmptyPolicyThatGrantsNothing(string? text)
    {
        var policy = PolicyDocument.Parse(text);

        Assert.That(policy, Is.SameAs(PolicyDocument.Empty));
        Assert.That((policy.Statements.Count, policy.Json, policy.GrantsPublicAccess, policy.GrantsFullAdmin), Is.EqualTo((0, (JsonElement?)null, false, false)));
        Assert.That(PolicyDocument.TryParse(text, out _), Is.False);
    }

    [Test]
    public void StatementElementsAreListsWhetherWrittenAsOneValueOrMany()
    {
        var statement = Statement("""
            {"Effect":"Deny","NotAction":"iam:*","Resource":["arn:aws:s3:::a","arn:aws:s3:::b"],"NotResource":"x",
             "Principal":{"AWS":"arn:aws:iam::111122223333:root","Service":["lambda.amazonaws.com"]},
             "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b","aws:PrincipalTag/team":["red","blue"]},"Bool":{"aws:SecureTransport":false}}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That((statement.IsDeny, statement.IsAllow, statement.Sid), Is.EqualTo((true, false, (string?)null)));
            Assert.That(statement.Actions, Is.Empty);
            Assert.That(statement.NotActions, Is.EqualTo(new[] { "iam:*" }));
            Assert.That(statement.Resources, Has.Count.EqualTo(2));
            Assert.That(statement.NotResources, Is.EqualTo(new[] { "x" }));
            Assert.That(statement.Principal!.Aws, Is.EqualTo(new[] { "arn:aws:iam::111122223333:root" }));
            Assert.That(statement.Principal.Service, Is.EqualTo(new[] { "lambda.amazonaws.com" }));
            Assert.That(statement.Principal.Federated, Is.Empty);
            Assert.That(statement.Principal.IsPublic, Is.False);
            Assert.That(statement.Conditions, Is.EqualTo(new[]
            {
                new PolicyCondition("StringEquals", "aws:SourceVpce", ["vpce-1a2b"]),
                new PolicyCondition("StringEquals", "aws:PrincipalTag/team", ["red", "blue"]),
                new PolicyCondition("Bool", "aws:SecureTransport", ["false"]),
            }).Using<PolicyCondition>((a, b) => a.Operator == b.Operator && a.Key == b.Key && a.Values.SequenceEqual(b.Values)));
        });
    }

    [TestCase("\"*\"")]
    [TestCase("{\"AWS\":\"*\"}")]
    [TestCase("{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"*\"]}")]
    public void AnAllowToAPublicPrincipalWithoutAConditionGrantsPublicAccess(string principal)
    {
        var policy = Policy($$"""{"Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject","Resource":"*"}""");

        Assert.That(policy.GrantsPublicAccess, Is.True);
        Assert.That(policy.PublicStatements, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnAllowWithNotPrincipalIsPublicForItAllowsEveryoneElse()
    {
        Assert.That(Policy("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:*","Resource":"*"}""").GrantsPublicAccess, Is.True);
    }

    [TestCase("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}""", Description = "a deny")]
    [TestCase("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}""", Description = "one account")]
    [TestCase("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}""", Description = "a service")]
    [TestCase("""{"Effect":"Allow","Action":"*","Resource":"*"}""", Description = "an identity policy has no principal")]
    public void OtherStatementsDoNotGrantPublicAccess(string statement)
    {
        Assert.That(Policy(statement).GrantsPublicAccess, Is.False);
    }

    [TestCase("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"")]
    [TestCase("StringEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\"")]
    [TestCase("StringEquals", "aws:SourceVpc", "[\"vpc-111\", \"vpc-222\"]")]
    [TestCase("StringEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\"")]
    [TestCase("StringEquals", "aws:SourceAccount", "\"111122223333\"")]
    [TestCase("ArnLike", "aws:SourceArn", "\"arn:aws:cloudtrail:*:111122223333:trail/*\"")]
    [TestCase("StringEquals", "aws:PrincipalAccount", "\"111122223333\"")]
    [TestCase("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::111122223333:role/reader\"")]
    [TestCase("StringEquals", "kms:CallerAccount", "\"111122223333\"")]
    [TestCase("ForAnyValue:StringEquals", "aws:SourceVpce", "[\"vpce-1a2b3c4d\"]")]
    [TestCase("stringequals", "AWS:SOURCEVPCE", "\"vpce-1a2b3c4d\"", Description = "keys ignore case; the operator is only checked for negation")]
    public void AConditionPinningTheCallerWithAConcreteValueRestrictsIt(string op, string key, string value)
    {
        var policy = PublicGetWith(op, key, value);

        Assert.That(policy.Statements[0].HasRestrictingCondition, Is.True);
        Assert.That(policy.GrantsPublicAccess, Is.False);
    }

    [TestCase("StringEqualsIfExists", "aws:SourceVpce", "\"vpce-1a2b3c4d\"", Description = "true when the key is absent")]
    [TestCase("ForAllValues:StringEquals", "aws:SourceVpce", "[\"vpce-1a2b3c4d\"]", Description = "true when the key is absent")]
    [TestCase("StringNotEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\"", Description = "everyone else")]
    [TestCase("NotIpAddress", "aws:SourceIp", "\"203.0.113.0/24\"")]
    [TestCase("Null", "aws:SourceIp", "\"false\"")]
    [TestCase("StringLike", "aws:PrincipalOrgID", "\"*\"", Description = "a wildcard")]
    [TestCase("StringEquals", "aws:SourceAccount", "[\"111122223333\", \"*\"]", Description = "a wildcard among the values")]
    [TestCase("IpAddress", "aws:SourceIp", "\"0.0.0.0/0\"", Description = "every address")]
    [TestCase("IpAddress", "aws:SourceIp", "[\"::/0\"]")]
    [TestCase("Bool", "aws:SecureTransport", "\"true\"", Description = "not about who calls")]
    [TestCase("StringEquals", "aws:PrincipalTag/team", "\"red\"", Description = "anyone can tag their own principal")]
    public void OtherConditionsDoNotRestrictIt(string op, string key, string value)
    {
        var policy = PublicGetWith(op, key, value);

        Assert.That(policy.GrantsPublicAccess, Is.True);
    }

    [Test]
    public void OnlyThePublicStatementsAreListed()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Cloudfront","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"},
              {"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}
            """);

        Assert.That(policy.PublicStatements.Select(s => s.Sid), Is.EqualTo(new[] { "Everyone" }));
    }

    [TestCase("\"*\"", "\"*\"", true)]
    [TestCase("\"*:*\"", "\"*\"", true)]
    [TestCase("[\"s3:*\", \"*\"]", "[\"arn:aws:s3:::x\", \"*\"]", true)]
    [TestCase("\"iam:*\"", "\"*\"", false)]
    [TestCase("\"*\"", "\"arn:aws:s3:::bucket/*\"", false)]
    public void AnAllowOfEveryActionOnEveryResourceGrantsFullAdmin(string action, string resource, bool admin)
    {
        Assert.That(Policy($$"""{"Effect":"Allow","Action":{{action}},"Resource":{{resource}}}""").GrantsFullAdmin, Is.EqualTo(admin));
    }

    [Test]
    public void ADenyOfEverythingIsNotFullAdmin()
    {
        Assert.That(Policy("""{"Effect":"Deny","Action":"*","Resource":"*"}""").GrantsFullAdmin, Is.False);
    }

    [TestCase("\"s3:GetObject\"", null, "s3:GetObject", true)]
    [TestCase("\"s3:Get*\"", null, "S3:GETOBJECT", true)]
    [TestCase("\"s3:?etObject\"", null, "s3:GetObject", true)]
    [TestCase("\"s3:Get*\"", null, "s3:PutObject", false)]
    [TestCase(null, "\"iam:*\"", "s3:PutObject", true)]
    [TestCase(null, "\"s3:*\"", "s3:PutObject", false)]
    public void AnActionIsAllowedByActionOrNotActionWithWildcards(string? action, string? notAction, string asked, bool allowed)
    {
        var element = action is null ? $"\"NotAction\":{notAction}" : $"\"Action\":{action}";

        Assert.That(Policy($$"""{"Effect":"Allow",{{element}},"Resource":"*"}""").Statements[0].AllowsAction(asked), Is.EqualTo(allowed));
    }

    [Test]
    public void AnEventHandsItsPolicyParameterStraightToTheModel()
    {
        var record = Some.Record("PutBucketPolicy", "s3.amazonaws.com");
        record["requestParameters"] = System.Text.Json.Nodes.JsonNode.Parse($$"""{"bucketName":"site","bucketPolicy":{{Public}}}""");

        var policy = PolicyDocument.Parse(Some.Event(record).RequestParameterElement("bucketPolicy"));

        Assert.That(policy.GrantsPublicAccess, Is.True);
    }

    private static PolicyDocument PublicGetWith(string op, string key, string valueJson) =>
        Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{""" + $"\"{op}\":{{\"{key}\":{valueJson}}}" + "}}");

    private static PolicyDocument Policy(string statement) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""");

    private static PolicyStatement Statement(string statement) => Policy(statement).Statements.Single();
}
