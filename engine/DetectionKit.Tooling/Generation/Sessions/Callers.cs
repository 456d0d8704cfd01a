using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// Builds callers with the <c>userIdentity</c> shapes CloudTrail documents: IAM users (access key or
/// console session), assumed-role sessions (with their issuer, MFA flag and creation time), AWS
/// services, IAM Identity Center users, and web-identity and SAML federation.
/// </summary>
internal static class Callers
{
    /// <summary>The <c>userIdentity</c> of an IAM user, in CloudTrail's field order.</summary>
    private static JsonObject IamUserIdentity(Account account, IamUser user, string? accessKeyId, JsonObject? sessionContext = null)
    {
        var identity = new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = user.UserId,
            ["arn"] = UserArn(account, user),
            ["accountId"] = account.Id,
        };
        if (accessKeyId is not null)
        {
            identity["accessKeyId"] = accessKeyId;
        }

        identity["userName"] = user.Name;
        if (sessionContext is not null)
        {
            identity["sessionContext"] = sessionContext;
        }

        return identity;
    }

    /// <summary>An IAM user calling with its long-term access key.</summary>
    public static Caller IamUserWithKey(Account account, IamUser user, string sourceIp, string userAgent, bool isCli) => new()
    {
        Account = account,
        Identity = IamUserIdentity(account, user, user.AccessKeyId),
        Arn = UserArn(account, user),
        SourceIp = sourceIp,
        UserAgent = userAgent,
        IsCli = isCli,
    };

    /// <summary>An IAM user signing in to the console: no access key yet.</summary>
    public static Caller IamUserSigningIn(Account account, IamUser user, string sourceIp, string browser) => new()
    {
        Account = account,
        Identity = IamUserIdentity(account, user, accessKeyId: null),
        Arn = UserArn(account, user),
        SourceIp = sourceIp,
        UserAgent = browser,
    };

    /// <summary>An IAM user's console session after signing in with MFA: temporary credentials marked MFA-authenticated.</summary>
    public static Caller IamUserConsole(Account account, IamUser user, string sourceIp, string browser, DateTimeOffset signedIn, SeededRandom random) => new()
    {
        Account = account,
        Identity = IamUserIdentity(account, user, "ASIA" + random.UpperAlphanumeric(16), new JsonObject
        {
            ["sessionIssuer"] = new JsonObject(),
            ["webIdFederationData"] = new JsonObject(),
            ["attributes"] = Attributes(signedIn, mfa: true),
        }),
        Arn = UserArn(account, user),
        SourceIp = sourceIp,
        UserAgent = browser,
        FromConsole = true,
    };

    /// <summary>A role session: <c>assumed-role/ROLE/SESSION</c> with its issuer and attributes.</summary>
    public static Caller RoleSession(
        Account account,
        string roleName,
        string sessionName,
        DateTimeOffset created,
        SeededRandom random,
        string sourceIp,
        string userAgent,
        string rolePath = "/",
        bool mfa = false,
        bool instanceProfile = false,
        string? sourceIdentity = null,
        string? accessKeyId = null)
    {
        var roleId = account.RoleId(roleName);
        var arn = $"arn:aws:sts::{account.Id}:assumed-role/{roleName}/{sessionName}";
        var context = new JsonObject
        {
            ["sessionIssuer"] = new JsonObject
            {
                ["type"] = "Role",
                ["principalId"] = roleId,
                ["arn"] = account.RoleArn(roleName, rolePath),
                ["accountId"] = account.Id,
                ["userName"] = roleName,
            },
            ["webIdFederationData"] = new JsonObject(),
            ["attributes"] = Attributes(created, mfa),
        };
        if (instanceProfile)
        {
            // Credentials from the instance metadata service carry the delivery version.
            context["ec2RoleDelivery"] = "2.0";
        }

        if (sourceIdentity is not null)
        {
            context["sourceIdentity"] = sourceIdentity;
        }

        return new Caller
        {
            Account = account,
            Identity = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = $"{roleId}:{sessionName}",
                ["arn"] = arn,
                ["accountId"] = account.Id,
                ["accessKeyId"] = accessKeyId ?? "ASIA" + random.UpperAlphanumeric(16),
                ["sessionContext"] = context,
            },
            Arn = arn,
            SourceIp = sourceIp,
            UserAgent = userAgent,
        };
    }

    /// <summary>
    /// An instance calling with its instance profile: the session is named after the instance and
    /// marked as delivered by the metadata service. The metadata service replaces the credentials
    /// about every hour, so calls of one instance within that hour share an access key, whichever
    /// process makes them. A host in a public subnet calls from its Elastic IP; the fleet from its
    /// private address, through the VPC's endpoints or NAT gateway.
    /// </summary>
    public static Caller InstanceSession(Account account, Ec2Instance instance, DateTimeOffset now, SeededRandom random, string userAgent)
    {
        var offset = TimeSpan.FromMinutes(int.Parse(StableIds.Hex(instance.InstanceId + "/refresh", 2, account.Seed), System.Globalization.NumberStyles.HexNumber) % 60);
        var hours = Math.Floor((now - offset).ToUnixTimeSeconds() / 3600.0);
        var issued = DateTimeOffset.FromUnixTimeSeconds((long)hours * 3600) + offset;
        var accessKeyId = StableIds.Iam("ASIA", $"{instance.InstanceId}/{hours}", account.Seed)[..20];
        var source = instance.ElasticIp ?? instance.PrivateIp;
        var caller = RoleSession(account, instance.RoleName, instance.InstanceId, issued, random, source, userAgent, instanceProfile: true, accessKeyId: accessKeyId);
        return instance.ElasticIp is null ? caller.InVpc(account.Egress(instance.PrivateIp), userAgent) : caller;
    }

    /// <summary>An AWS service acting with its own credentials, such as Lambda assuming a function's role.</summary>
    public static Caller AwsService(Account account, string servicePrincipal) => new()
    {
        Account = account,
        Identity = new JsonObject { ["type"] = "AWSService", ["invokedBy"] = servicePrincipal },
        Arn = string.Empty,
        SourceIp = servicePrincipal,
        UserAgent = servicePrincipal,
    };

    /// <summary>AWS itself, for service events such as a scheduled key rotation.</summary>
    public static Caller AwsInternal(Account account) => new()
    {
        Account = account,
        Identity = new JsonObject { ["accountId"] = account.Id, ["invokedBy"] = "AWS Internal" },
        Arn = string.Empty,
        SourceIp = "AWS Internal",
        UserAgent = "AWS Internal",
    };

    /// <summary>A person in the IAM Identity Center instance (the security account).</summary>
    public static Caller IdentityCenterUser(Organization org, Person person, string sourceIp, string userAgent, SeededRandom random) => new()
    {
        Account = org.Security,
        Identity = new JsonObject
        {
            ["type"] = "IdentityCenterUser",
            ["accountId"] = org.Security.Id,
            ["onBehalfOf"] = new JsonObject
            {
                ["userId"] = person.IdentityStoreUserId,
                ["identityStoreArn"] = org.IdentityStoreArn,
            },
            ["credentialId"] = random.Hex(40),
        },
        Arn = string.Empty,
        SourceIp = sourceIp,
        UserAgent = userAgent,
    };

    /// <summary>The GitHub Actions OIDC identity exchanging its token for a role session.</summary>
    public static Caller GitHubActions(Account account, string repository, string sourceIp)
    {
        var provider = $"arn:aws:iam::{account.Id}:oidc-provider/token.actions.githubusercontent.com";
        var subject = $"repo:acme/{repository}:ref:refs/heads/main";
        return new Caller
        {
            Account = account,
            Identity = new JsonObject
            {
                ["type"] = "WebIdentityUser",
                ["principalId"] = $"{provider}:sts.amazonaws.com:{subject}",
                ["userName"] = subject,
                ["identityProvider"] = provider,
            },
            Arn = string.Empty,
            SourceIp = sourceIp,
            UserAgent = UserAgents.GitHubCredentialsAction,
        };
    }

    /// <summary>IAM Identity Center exchanging a SAML assertion for a permission-set role in a member account.</summary>
    public static Caller SamlUser(Account account, Person person, string samlProviderHash, string sourceIp, string userAgent) => new()
    {
        Account = account,
        Identity = new JsonObject
        {
            ["type"] = "SAMLUser",
            ["principalId"] = $"{samlProviderHash}:{person.Email}",
            ["userName"] = person.Email,
            ["identityProvider"] = samlProviderHash,
        },
        Arn = string.Empty,
        SourceIp = sourceIp,
        UserAgent = userAgent,
    };

    /// <summary>
    /// A principal of another account as the resource account records it, for instance when it
    /// assumes one of this account's roles: <c>AWSAccount</c> with the caller's id and account.
    /// </summary>
    public static Caller OtherAccount(Account account, string callerAccountId, string principalId, string sourceIp, string userAgent) => new()
    {
        Account = account,
        Identity = new JsonObject { ["type"] = "AWSAccount", ["principalId"] = principalId, ["accountId"] = callerAccountId },
        Arn = string.Empty,
        SourceIp = sourceIp,
        UserAgent = userAgent,
    };

    public static string UserArn(Account account, IamUser user) => $"arn:aws:iam::{account.Id}:user/{user.Name}";

    private static JsonObject Attributes(DateTimeOffset created, bool mfa) => new()
    {
        ["creationDate"] = Timestamps.Iso(created),
        ["mfaAuthenticated"] = mfa ? "true" : "false",
    };
}
