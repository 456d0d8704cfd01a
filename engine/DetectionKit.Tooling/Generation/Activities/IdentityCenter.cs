using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>The IAM Identity Center steps both console and CLI sessions start with.</summary>
internal static class IdentityCenter
{
    /// <summary>Which account a person works in with a permission set: auditors anywhere, others in the workload accounts.</summary>
    public static Account AccountFor(Traffic traffic, string permissionSet) =>
        permissionSet == "SecurityAudit" ? traffic.Random.Pick(traffic.Organization.Accounts) : Choose.Workload(traffic);

    /// <summary>Password then a second factor, recorded by the sign-in service in the Identity Center account.</summary>
    public static Session SignIn(Traffic traffic, Person person, string ip, string userAgent)
    {
        var random = traffic.Random;
        var workflow = random.Uuid();
        var factor = random.Chance(0.7) ? "TOTP" : "WEBAUTHN";
        return traffic.Begin(Callers.IdentityCenterUser(traffic.Organization, person, ip, userAgent, random), "us-east-1")
            .Call(c => SignInCalls.IdentityCenterStep(c, "CredentialChallenge", workflow, "PASSWORD"))
            .Wait(3, 12).Call(c => SignInCalls.IdentityCenterStep(c, "CredentialVerification", workflow, "PASSWORD"))
            .Call(c => SignInCalls.IdentityCenterStep(c, "CredentialChallenge", workflow, factor))
            .Wait(4, 20).Call(c => SignInCalls.IdentityCenterStep(c, "CredentialVerification", workflow, factor))
            .Call(c => SignInCalls.IdentityCenterStep(c, "UserAuthentication", workflow, $"PASSWORD,{factor}"));
    }

    public static string SamlProvider(Account account) => $"AWSSSO_{StableIds.Hex(account.Id + "/saml", 16, account.Seed)}_DO_NOT_DELETE";

    public static string Issuer(Account account) => $"https://portal.sso.us-east-1.amazonaws.com/saml/assertion/{StableIds.Iam(string.Empty, account.Id + "/issuer", account.Seed)}";

    /// <summary>The permission set's role session in the target account.</summary>
    public static Caller RoleSession(Account account, string permissionSet, Person person, DateTimeOffset created, SeededRandom random, string ip, string userAgent) =>
        Callers.RoleSession(account, account.SsoRoleName(permissionSet), person.Email, created, random, ip, userAgent, rolePath: Account.SsoRolePath);

    /// <summary>How often reads are denied: read-only and audit roles lack a few permissions people still click on.</summary>
    public static double DeniedChance(string permissionSet) => permissionSet is "ReadOnlyAccess" or "SecurityAudit" ? 0.03 : 0.005;

    public static bool MayChange(string permissionSet) => permissionSet is "AdministratorAccess" or "PowerUserAccess";
}
