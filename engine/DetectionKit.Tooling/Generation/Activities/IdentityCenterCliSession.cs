using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// A person using the CLI with an Identity Center profile: <c>aws sso login</c> when the token has
/// expired, role credentials from the portal, then commands about one or two services.
/// </summary>
internal sealed class IdentityCenterCliSession : IActivity
{
    public double Weight => 2;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var person = random.Pick(traffic.Organization.People);
        var permissionSet = random.Pick(person.PermissionSets);
        var account = IdentityCenter.AccountFor(traffic, permissionSet);
        var ip = Choose.PersonIp(person, random);

        var portal = random.Chance(0.3)
            ? IdentityCenter.SignIn(traffic, person, ip, person.Browser).Fork(Callers.IdentityCenterUser(traffic.Organization, person, ip, person.CliUserAgent, random)).Call(SignInCalls.CreateToken)
            : traffic.Begin(Callers.IdentityCenterUser(traffic.Organization, person, ip, person.CliUserAgent, random), "us-east-1");
        portal.Call(c => SignInCalls.GetRoleCredentials(c, account.Id, permissionSet));

        var role = IdentityCenter.RoleSession(account, permissionSet, person, portal.Time, random, ip, person.CliUserAgent).From(ip, person.CliUserAgent, isCli: true);
        var session = portal.Fork(role, Choose.Region(account, random)).Call(StsCalls.GetCallerIdentity);
        var denied = IdentityCenter.DeniedChance(permissionSet);
        for (var commands = random.Between(1, 4); commands > 0; commands--)
        {
            random.Pick(permissionSet == "SecurityAudit" ? ConsolePages.Governance : ConsolePages.Operations)(session.Wait(10, 300), account, denied);
        }

        if (IdentityCenter.MayChange(permissionSet) && random.Chance(0.2))
        {
            OperatorChanges.Any(session.Wait(5, 60), account);
        }
    }
}
