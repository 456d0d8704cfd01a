using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An administrator onboarding the security vendor in an account: the vendor's "launch stack" link
/// creates a stack from its template, and CloudFormation creates the integration role on the
/// administrator's behalf: trusted by the vendor's account on the external id the vendor issued,
/// with read-only audit policies.
/// </summary>
internal sealed class VendorOnboarding : IActivity
{
    private const string Role = "SecurityVendorIntegrationRole";

    public double Weight => 0.006;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var account = Choose.Workload(traffic);
        var person = random.Pick(org.People.Where(p => p.PermissionSets.Contains("AdministratorAccess")).ToList());
        var ip = Choose.PersonIp(person, random);
        var externalId = random.Uuid();
        var admin = IdentityCenter.RoleSession(account, "AdministratorAccess", person, traffic.Now.AddMinutes(-random.Between(2, 40)), random, ip, person.Browser);
        var session = traffic.Begin(admin.From(ip, person.Browser, fromConsole: true))
            .Call(c => CloudFormationCalls.CreateStack(c, "security-vendor-integration", "https://vendor-onboarding-templates.s3.amazonaws.com/aws/integration-role-v3.yaml",
                new JsonObject { ["ExternalId"] = externalId, ["VendorAccountId"] = Organization.SecurityVendorAccountId }));
        var trust = IamCalls.TrustPolicy(new JsonObject { ["AWS"] = $"arn:aws:iam::{Organization.SecurityVendorAccountId}:root" }, "sts:AssumeRole",
            new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = externalId } });
        session.Fork(admin.Via("cloudformation.amazonaws.com")).Wait(3, 10)
            .Call(c => IamCalls.CreateRole(c, Role, trust, "Read-only access for the security vendor's posture scans"))
            .Call(c => IamCalls.AttachRolePolicy(c, Role, "SecurityAudit"))
            .Call(c => IamCalls.AttachRolePolicy(c, Role, "job-function/ViewOnlyAccess"));
        for (var poll = random.Between(2, 5); poll > 0; poll--)
        {
            session.Wait(5, 15).Call(c => CloudFormationCalls.DescribeStackEvents(c, "security-vendor-integration"));
        }
    }
}
