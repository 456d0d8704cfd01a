using System.Text.Json.Nodes;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class IdentifyingTheCaller
{
    [Test]
    public void AnIamUserIsNamedByUserName()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.IamUser("alice")));

        Assert.Multiple(() =>
        {
            Assert.That(e.ActorName, Is.EqualTo("alice"));
            Assert.That(e.UserIdentity.Type, Is.EqualTo("IAMUser"));
            Assert.That(e.UserIdentity.Arn, Is.EqualTo($"arn:aws:iam::{Some.AccountId}:user/alice"));
            Assert.That(e.UserIdentity.AccessKeyId, Is.EqualTo("AKIAEXAMPLE000000001"));
            Assert.That(e.IsRoot, Is.False);
            Assert.That(e.IsAwsServiceCall, Is.False);
        });
    }

    [Test]
    public void TheRootUserIsRootAndNamedRoot()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.Root()));

        Assert.That(e.IsRoot, Is.True);
        Assert.That(e.ActorName, Is.EqualTo("root"));
    }

    [Test]
    public void AnAssumedRoleIsNamedRoleSlashSession()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.AssumedRole("Admin", "alice-session")));

        Assert.That(e.ActorName, Is.EqualTo("Admin/alice-session"));
        Assert.That(e.UserIdentity.SessionIssuerArn, Is.EqualTo($"arn:aws:iam::{Some.AccountId}:role/Admin"));
    }

    [Test]
    public void AnAwsServiceIsNamedByTheServiceAndIsAServiceCall()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.AwsService("cloudformation.amazonaws.com")));

        Assert.That(e.ActorName, Is.EqualTo("cloudformation.amazonaws.com"));
        Assert.That(e.IsAwsServiceCall, Is.True);
    }

    [Test]
    public void ACallAServiceForwardedForAUserIsTheUsersCallNotAServiceCall()
    {
        var identity = Some.IamUser("alice");
        identity["invokedBy"] = "cloudformation.amazonaws.com";
        var e = Some.Event(Some.Record(userIdentity: identity));

        Assert.Multiple(() =>
        {
            Assert.That(e.IsAwsServiceCall, Is.False);
            Assert.That(e.InvokedByService, Is.EqualTo("cloudformation.amazonaws.com"));
            Assert.That(e.ActorName, Is.EqualTo("alice"));
        });
    }

    [Test]
    public void ADirectCallWasInvokedByNoService()
    {
        Assert.That(Some.Event(Some.Record(userIdentity: Some.IamUser("alice"))).InvokedByService, Is.Null);
        Assert.That(Some.Event(Some.Record(userIdentity: Some.AwsService("ec2.amazonaws.com"))).InvokedByService, Is.Null, "a service calling for itself");
    }

    [Test]
    public void AServiceLinkedRoleSessionIsAServiceCall()
    {
        var sso = Some.AssumedRole("AWSServiceRoleForSSO", "AWS-SSO");
        sso["sessionContext"]!["sessionIssuer"]!["arn"] = $"arn:aws:iam::{Some.AccountId}:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO";
        var e = Some.Event(Some.Record(userIdentity: sso));

        Assert.Multiple(() =>
        {
            Assert.That(e.UserIdentity.IsServiceLinkedRoleSession, Is.True);
            Assert.That(e.IsAwsServiceCall, Is.True);
            Assert.That(e.InvokedByService, Is.Null);
        });
    }

    [Test]
    public void ARoleMerelyNamedLikeAServiceRoleIsNotServiceLinked()
    {
        var lookalike = Some.AssumedRole("AWSServiceRoleForSSO", "attacker");
        lookalike["sessionContext"]!["sessionIssuer"]!["arn"] = $"arn:aws:iam::{Some.AccountId}:role/AWSServiceRoleForSSO";

        Assert.That(Some.Event(Some.Record(userIdentity: lookalike)).IsAwsServiceCall, Is.False);
        Assert.That(Some.Event(Some.Record(userIdentity: Some.AssumedRole("Admin", "alice"))).IsAwsServiceCall, Is.False);
    }

    [Test]
    public void AnAwsServiceEventIsAServiceCall()
    {
        var record = Some.Record();
        record["eventType"] = "AwsServiceEvent";

        Assert.That(Some.Event(record).IsAwsServiceCall, Is.True);
    }

    [Test]
    public void AnMfaAuthenticatedSessionUsedMfa()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.AssumedRole("Admin", "alice", mfaAuthenticated: true)));

        Assert.That(e.UserIdentity.MfaAuthenticated, Is.True);
        Assert.That(e.MfaUsed, Is.True);
    }

    [Test]
    public void ASessionWithoutMfaDidNotUseMfa()
    {
        var e = Some.Event(Some.Record(userIdentity: Some.AssumedRole("Admin", "alice", mfaAuthenticated: false)));

        Assert.That(e.MfaUsed, Is.False);
    }

    [Test]
    public void AConsoleLoginReportingMfaUsedUsedMfa()
    {
        Assert.That(Some.Event(Some.ConsoleLogin("Success", mfaUsed: "Yes")).MfaUsed, Is.True);
        Assert.That(Some.Event(Some.ConsoleLogin("Success", mfaUsed: "No")).MfaUsed, Is.False);
    }

    [Test]
    public void ACallerWithoutAKnownTypeIsNamedByArnThenPrincipalId()
    {
        var byArn = new JsonObject { ["type"] = "FederatedUser", ["arn"] = "arn:aws:sts::111122223333:federated-user/bob", ["principalId"] = "111122223333:bob" };
        var byPrincipal = new JsonObject { ["type"] = "AWSAccount", ["principalId"] = "AIDAEXAMPLE" };

        Assert.That(Some.Event(Some.Record(userIdentity: byArn)).ActorName, Is.EqualTo("arn:aws:sts::111122223333:federated-user/bob"));
        Assert.That(Some.Event(Some.Record(userIdentity: byPrincipal)).ActorName, Is.EqualTo("AIDAEXAMPLE"));
    }

    [Test]
    public void ACallerFromAnotherAccountIsCrossAccount()
    {
        var other = Some.AssumedRole("auditor", "session");
        other["accountId"] = "444455556666";

        Assert.Multiple(() =>
        {
            Assert.That(Some.Event(Some.Record(userIdentity: other)).IsCrossAccount, Is.True);
            Assert.That(Some.Event(Some.Record()).IsCrossAccount, Is.False, "same account");
            Assert.That(Some.Event(Some.Record(userIdentity: Some.AwsService("ec2.amazonaws.com"))).IsCrossAccount, Is.False, "no caller account");
        });
    }
}
