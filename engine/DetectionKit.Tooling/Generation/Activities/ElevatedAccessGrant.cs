using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// Temporary elevated access, the way AWS's TEAM solution grants it: an approved request makes the
/// grant function in the security account assign the <c>IncidentAdmin</c> permission set to the
/// engineer in production, and IAM Identity Center provisions it there through its service-linked
/// role (<c>AWSServiceRoleForSSO/AWS-SSO</c>, invoked by <c>sso.amazonaws.com</c>): the
/// <c>AWSReservedSSO_*</c> role, trusting the account's Identity Center SAML provider, with
/// AdministratorAccess attached. When the window ends the assignment is removed and so is the role.
/// </summary>
internal sealed class ElevatedAccessGrant : IActivity
{
    private const string PermissionSet = "IncidentAdmin";

    private const string Function = "access-elevation-grant";

    public double Weight => 0.015;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var target = org.Account("prod");
        var person = random.Pick(org.People.Where(p => p.PermissionSets.Contains("PowerUserAccess")).ToList());
        var instance = $"ssoins-{StableIds.Hex(org.Id + "/sso-instance", 16, target.Seed)}";
        var instanceArn = $"arn:aws:sso:::instance/{instance}";
        var permissionSetArn = $"arn:aws:sso:::permissionSet/{instance}/ps-{StableIds.Hex(PermissionSet, 16, target.Seed)}";

        var grant = Callers.RoleSession(org.Security, Function + "-role", Function, traffic.Now.AddMinutes(-random.Between(1, 30)), random,
                Choose.LambdaEgressIp(random), UserAgents.NodeSdk("sso-admin"))
            .From(Choose.LambdaEgressIp(random), UserAgents.NodeSdk("sso-admin"));
        var assign = traffic.Begin(grant, "us-east-1")
            .Call(c => IdentityCenterAdminCalls.CreateAccountAssignment(c, instanceArn, permissionSetArn, target.Id, person.IdentityStoreUserId));

        var identityCenter = Callers.RoleSession(target, "AWSServiceRoleForSSO", "AWS-SSO", assign.Time, random, "sso.amazonaws.com", "sso.amazonaws.com",
                rolePath: "/aws-service-role/sso.amazonaws.com/")
            .Via("sso.amazonaws.com");
        var role = target.SsoRoleName(PermissionSet);
        var trust = IamCalls.TrustPolicy(
            new JsonObject { ["Federated"] = $"arn:aws:iam::{target.Id}:saml-provider/{IdentityCenter.SamlProvider(target)}" },
            new JsonArray("sts:AssumeRoleWithSAML", "sts:TagSession"),
            new JsonObject { ["StringEquals"] = new JsonObject { ["SAML:aud"] = "https://signin.aws.amazon.com/saml" } });
        assign.Fork(identityCenter).Wait(2, 8)
            .Call(c => IamCalls.CreateRole(c, role, trust, path: Account.SsoRolePath, maxSessionDuration: 3600))
            .Call(c => IamCalls.AttachRolePolicy(c, role, "AdministratorAccess"));

        var revoke = assign.Fork(grant).Wait(3600, 7200)
            .Call(c => IdentityCenterAdminCalls.DeleteAccountAssignment(c, instanceArn, permissionSetArn, target.Id, person.IdentityStoreUserId));
        revoke.Fork(identityCenter).Wait(2, 8)
            .Call(c => IamCalls.DetachRolePolicy(c, role, "AdministratorAccess"))
            .Call(c => IamCalls.DeleteRole(c, role));
    }
}
