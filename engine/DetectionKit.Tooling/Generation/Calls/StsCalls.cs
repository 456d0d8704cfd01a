using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>AWS STS through its regional endpoints, as current SDKs call it.</summary>
internal static class StsCalls
{
    public static ApiCall GetCallerIdentity(CallContext c) => new("sts.amazonaws.com", "GetCallerIdentity", true) { Request = null, Host = $"sts.{c.Region}.amazonaws.com" };

    /// <summary>
    /// An AssumeRole into <paramref name="roleName"/> of the context's account. <paramref name="mfaSerial"/>
    /// is the caller's MFA device when the role requires MFA; <paramref name="externalId"/> is set for a vendor.
    /// </summary>
    public static ApiCall AssumeRole(CallContext c, string roleName, string sessionName, string? mfaSerial = null, string? externalId = null, string rolePath = "/", int durationSeconds = 3600)
    {
        var roleArn = c.Account.RoleArn(roleName, rolePath);
        var request = new JsonObject { ["roleArn"] = roleArn, ["roleSessionName"] = sessionName, ["durationSeconds"] = durationSeconds };
        if (mfaSerial is not null)
        {
            request["serialNumber"] = mfaSerial;
        }

        if (externalId is not null)
        {
            request["externalId"] = externalId;
        }

        return new ApiCall("sts.amazonaws.com", "AssumeRole", true)
        {
            Request = request,
            Response = new JsonObject
            {
                ["credentials"] = Credentials(c, durationSeconds),
                ["assumedRoleUser"] = AssumedRoleUser(c, roleName, sessionName),
            },
            Resources = RoleResource(c, roleArn),
            Host = $"sts.{c.Region}.amazonaws.com",
        };
    }

    public static ApiCall AssumeRoleWithWebIdentity(CallContext c, string roleName, string subject) => new("sts.amazonaws.com", "AssumeRoleWithWebIdentity", true)
    {
        Request = new JsonObject { ["roleArn"] = c.Account.RoleArn(roleName), ["roleSessionName"] = "GitHubActions", ["durationSeconds"] = 3600 },
        Response = new JsonObject
        {
            ["credentials"] = Credentials(c, 3600),
            ["subjectFromWebIdentityToken"] = subject,
            ["assumedRoleUser"] = AssumedRoleUser(c, roleName, "GitHubActions"),
            ["provider"] = $"arn:aws:iam::{c.Account.Id}:oidc-provider/token.actions.githubusercontent.com",
            ["audience"] = "sts.amazonaws.com",
        },
        Resources = RoleResource(c, c.Account.RoleArn(roleName)),
        Host = $"sts.{c.Region}.amazonaws.com",
    };

    /// <summary>IAM Identity Center handing a permission-set role to a signed-in user.</summary>
    public static ApiCall AssumeRoleWithSaml(CallContext c, string roleName, string email, string samlProvider, string issuer) => new("sts.amazonaws.com", "AssumeRoleWithSAML", true)
    {
        Request = new JsonObject
        {
            ["sAMLAssertionID"] = "_" + c.Random.Uuid(),
            ["roleSessionName"] = email,
            ["durationSeconds"] = 3600,
            ["roleArn"] = c.Account.RoleArn(roleName, World.Account.SsoRolePath),
            ["principalArn"] = $"arn:aws:iam::{c.Account.Id}:saml-provider/{samlProvider}",
        },
        Response = new JsonObject
        {
            ["credentials"] = Credentials(c, 3600),
            ["assumedRoleUser"] = AssumedRoleUser(c, roleName, email),
            ["subject"] = email,
            ["subjectType"] = "persistent",
            ["issuer"] = issuer,
            ["audience"] = "https://signin.aws.amazon.com/saml",
            ["nameQualifier"] = c.Random.UpperAlphanumeric(27) + "=",
        },
        Resources = RoleResource(c, c.Account.RoleArn(roleName, World.Account.SsoRolePath)),
        Region = "us-east-1",
        Host = "sts.amazonaws.com",
    };

    private static JsonObject Credentials(CallContext c, int durationSeconds) => new()
    {
        ["accessKeyId"] = "ASIA" + c.Random.UpperAlphanumeric(16),
        ["sessionToken"] = "IQoJb3JpZ2luX2VjE" + c.Random.UpperAlphanumeric(48),
        ["expiration"] = Timestamps.Java(c.Time.AddSeconds(durationSeconds)),
    };

    private static JsonObject AssumedRoleUser(CallContext c, string roleName, string sessionName) => new()
    {
        ["assumedRoleId"] = $"{c.Account.RoleId(roleName)}:{sessionName}",
        ["arn"] = $"arn:aws:sts::{c.Account.Id}:assumed-role/{roleName}/{sessionName}",
    };

    private static JsonArray RoleResource(CallContext c, string roleArn) =>
        new(new JsonObject { ["accountId"] = c.Account.Id, ["type"] = "AWS::IAM::Role", ["ARN"] = roleArn });
}
