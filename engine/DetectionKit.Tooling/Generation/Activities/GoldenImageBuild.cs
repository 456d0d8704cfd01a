using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The golden image pipeline: a GitHub Actions workflow in dev runs Packer, which registers the
/// AMI from its build instance and shares it, and its root-volume snapshot, with staging and
/// production, accounts of the same organisation.
/// </summary>
internal sealed class GoldenImageBuild : IActivity
{
    private const string Role = "github-actions-image-build";

    public double Weight => 0.012;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var account = org.Account("dev");
        var runnerIp = random.Pick(Organization.CiRunnerIps);
        var oidc = Callers.GitHubActions(account, "golden-images", runnerIp);
        var assume = traffic.Begin(oidc).Call(c => StsCalls.AssumeRoleWithWebIdentity(c, Role, oidc.Identity["userName"]!.GetValue<string>()));
        var packer = Callers.RoleSession(account, Role, "GitHubActions", assume.Time, random, runnerIp, UserAgents.Packer).From(runnerIp, UserAgents.Packer);
        var builder = "i-0" + random.Hex(16);
        var image = "ami-0" + random.Hex(16);
        var snapshot = "snap-0" + random.Hex(16);
        var name = $"acme-base-al2023-{traffic.Now.UtcDateTime:yyyyMMdd}-{random.Hex(6)}";
        var others = new[] { org.Account("staging").Id, org.Account("prod").Id };
        assume.Fork(packer).Call(Ec2Calls.DescribeImages)
            .Wait(300, 900).Call(c => Ec2Calls.StopInstances(c, builder))
            .Wait(30, 90).Call(c => Ec2Calls.CreateImage(c, builder, name, image))
            .Wait(120, 420).Call(Ec2Calls.DescribeImages)
            .Call(c => Ec2Calls.ShareImage(c, image, others))
            .Call(c => Ec2Calls.ShareSnapshot(c, snapshot, others))
            .Call(c => Ec2Calls.CreateTags(c, image, "release", name))
            .Call(c => Ec2Calls.TerminateInstances(c, builder));
    }
}
