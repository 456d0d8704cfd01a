using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// A person signing in through the IAM Identity Center portal (password and MFA), picking an
/// account and permission set, and working in the console: federated sign-in, then page views; the
/// read-only roles now and then try a change they are not allowed to make.
/// </summary>
internal sealed class IdentityCenterConsoleSession : IActivity
{
    public double Weight => 3;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var person = random.Pick(traffic.Organization.People);
        var permissionSet = random.Pick(person.PermissionSets);
        var account = IdentityCenter.AccountFor(traffic, permissionSet);
        var ip = Choose.PersonIp(person, random);

        // Half the sessions start from a portal session that is still signed in.
        var portal = random.Chance(0.5)
            ? IdentityCenter.SignIn(traffic, person, ip, person.Browser)
            : traffic.Begin(Callers.IdentityCenterUser(traffic.Organization, person, ip, person.Browser, random), "us-east-1");
        portal.Call(SignInCalls.PortalListAccounts).Call(c => SignInCalls.PortalListAccountRoles(c, account.Id))
            .Wait(2, 10).Call(c => SignInCalls.Federate(c, account.Id, permissionSet));

        var federation = portal.Fork(Callers.SamlUser(account, person, IdentityCenter.SamlProvider(account), ip, person.Browser))
            .Call(c => StsCalls.AssumeRoleWithSaml(c, account.SsoRoleName(permissionSet), person.Email, IdentityCenter.SamlProvider(account), IdentityCenter.Issuer(account)));
        var role = IdentityCenter.RoleSession(account, permissionSet, person, federation.Time, random, ip, person.Browser);
        var session = federation.Fork(role).Call(SignInCalls.FederatedConsoleLogin)
            .Fork(role.From(ip, person.Browser, fromConsole: true), Choose.Region(account, random));

        var denied = IdentityCenter.DeniedChance(permissionSet);
        for (var pages = random.Between(2, 7); pages > 0; pages--)
        {
            var governance = permissionSet == "SecurityAudit" ? 0.7 : 0.2;
            var page = random.Chance(governance) ? random.Pick(ConsolePages.Governance) : random.Pick(ConsolePages.Operations);
            page(session.Wait(4, 120), account, denied);
        }

        if (IdentityCenter.MayChange(permissionSet) && random.Chance(0.25))
        {
            OperatorChanges.Any(session.Wait(5, 60), account);
        }
        else if (permissionSet == "ReadOnlyAccess" && random.Chance(0.05) && account.Instances.Count > 0)
        {
            var instance = random.Pick(account.Instances).InstanceId;
            session.Wait(5, 60).Fail(c => Ec2Calls.StopInstances(c, instance), call => ApiErrors.AccessDenied(call, role.Arn));
        }
    }
}
