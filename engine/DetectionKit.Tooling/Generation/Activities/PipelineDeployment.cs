using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// A GitHub Actions deployment after a merge: the workflow exchanges its OIDC token for the deploy
/// role, then either pushes an image and rolls the ECS service, ships a new Lambda build, or updates
/// a stack by change set, after which CloudFormation makes the resource changes on the role's behalf.
/// </summary>
internal sealed class PipelineDeployment : IActivity
{
    private const string Role = "github-actions-deploy";

    public double Weight => 0.6;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var app = random.Pick(account.Applications);
        var runnerIp = random.Pick(Organization.CiRunnerIps);
        var oidc = Callers.GitHubActions(account, app.Name, runnerIp);
        var assume = traffic.Begin(oidc).Call(c => StsCalls.AssumeRoleWithWebIdentity(c, Role, oidc.Identity["userName"]!.GetValue<string>()));
        var caller = Callers.RoleSession(account, Role, "GitHubActions", assume.Time, random, runnerIp, UserAgents.CliLinux)
            .From(runnerIp, UserAgents.CliLinux, isCli: true);
        var session = assume.Fork(caller).Call(StsCalls.GetCallerIdentity);
        var sha = random.Hex(7);

        switch (app.Runtime)
        {
            case Runtime.EcsTask:
                RollService(session, app, sha);
                break;
            case Runtime.Lambda when random.Chance(0.5):
                session.Call(c => S3Calls.PutObject(c, $"acme-{account.Environment}-artifacts", $"{app.Name}/{sha}.zip", random.Between(200_000, 4_000_000)))
                    .Call(c => LambdaCalls.UpdateFunctionCode(c, app.Name, app.RoleName)).Wait(3, 10)
                    .Call(c => LambdaCalls.GetFunctionConfiguration(c, app.Name))
                    .Call(c => LambdaCalls.PublishVersion(c, app.Name, app.RoleName, random.Between(10, 300)));
                break;
            default:
                UpdateStack(session, account, app, sha);
                break;
        }
    }

    private static void RollService(Session session, Application app, string sha)
    {
        var random = session.Random;
        var revision = random.Between(30, 90);
        session.Call(ContainerCalls.GetAuthorizationToken);
        for (var layer = random.Between(1, 3); layer > 0; layer--)
        {
            session.Call(c => ContainerCalls.BatchCheckLayerAvailability(c, app.Name)).Call(c => ContainerCalls.InitiateLayerUpload(c, app.Name))
                .Wait(2, 20).Call(c => ContainerCalls.CompleteLayerUpload(c, app.Name));
        }

        var image = $"{session.Caller.Account.Id}.dkr.ecr.{session.Region}.amazonaws.com/{app.Name}:sha-{sha}";
        session.Call(c => ContainerCalls.PutImage(c, app.Name, $"sha-{sha}"))
            .Call(c => ContainerCalls.DescribeTaskDefinition(c, app.Name, revision))
            .Call(c => ContainerCalls.RegisterTaskDefinition(c, app.Name, app.RoleName, image, revision + 1))
            .Call(c => ContainerCalls.UpdateService(c, app.Name, revision + 1));
        for (var poll = random.Between(3, 8); poll > 0; poll--)
        {
            session.Wait(15, 15).Call(c => ContainerCalls.DescribeServices(c, app.Name));
        }
    }

    private static void UpdateStack(Session session, Account account, Application app, string sha)
    {
        var random = session.Random;
        var stack = account.Stacks.FirstOrDefault(s => s.StartsWith(app.Name.Split('-')[0], StringComparison.Ordinal)) ?? account.Stacks[^1];
        var changeSet = $"gha-{sha}";
        var templates = account.Buckets.Single(b => b.StartsWith("cf-templates-", StringComparison.Ordinal));
        session.Call(c => S3Calls.PutObject(c, templates, $"{stack}/{random.Hex(32)}.template", random.Between(4_000, 60_000)))
            .Call(c => CloudFormationCalls.CreateChangeSet(c, stack, changeSet, templates));
        for (var poll = random.Between(2, 4); poll > 0; poll--)
        {
            session.Wait(5, 5).Call(c => CloudFormationCalls.DescribeChangeSet(c, stack, changeSet));
        }

        session.Call(c => CloudFormationCalls.ExecuteChangeSet(c, stack, changeSet));
        var cloudFormation = session.Fork(session.Caller.Via("cloudformation.amazonaws.com"));
        ApplyResources(cloudFormation, account, app);
        for (var poll = random.Between(3, 10); poll > 0; poll--)
        {
            session.Wait(10, 10).Call(c => CloudFormationCalls.DescribeStackEvents(c, stack));
        }

        session.Call(c => CloudFormationCalls.DescribeStacks(c, stack));
    }

    /// <summary>What the template changes: function settings, log retention, alarms; now and then a new function's role, or HTTPS on the public load balancer.</summary>
    private static void ApplyResources(Session cloudFormation, Account account, Application app)
    {
        var random = cloudFormation.Random;
        cloudFormation.Wait(2, 6);
        if (app.Runtime == Runtime.Lambda)
        {
            cloudFormation.Call(c => LambdaCalls.UpdateFunctionConfiguration(c, app.Name, app.RoleName))
                .Call(c => LambdaCalls.PublishVersion(c, app.Name, app.RoleName, random.Between(10, 300)));
        }

        cloudFormation.Call(c => LogsCalls.PutRetentionPolicy(c, $"/aws/lambda/{app.Name}"))
            .Call(c => CloudWatchCalls.PutMetricAlarm(c, $"{app.Name}-errors", "Errors", app.Name));

        if (random.Chance(0.15))
        {
            var function = $"{app.Name}-{random.Pick(new[] { "cleanup", "notifier", "exporter" })}";
            var role = $"{function}-role";
            cloudFormation.Call(c => IamCalls.CreateRole(c, role, "lambda.amazonaws.com"))
                .Call(c => IamCalls.AttachRolePolicy(c, role, "service-role/AWSLambdaBasicExecutionRole"))
                .Call(c => IamCalls.PutRolePolicy(c, role, function + "-access", ["s3:GetObject", "s3:PutObject"], $"arn:aws:s3:::acme-{account.Environment}-reports/*"))
                .Call(c => LogsCalls.CreateLogGroup(c, $"/aws/lambda/{function}"))
                .Call(c => LambdaCalls.AddPermission(c, function));
        }

        if (app.Runtime == Runtime.Ec2 && random.Chance(0.2))
        {
            // The public load balancer's listener: HTTPS open to the internet is what it is for.
            cloudFormation.Call(c => Ec2Calls.AuthorizeSecurityGroupIngress(c, account.SecurityGroups[0], 443, "0.0.0.0/0", "HTTPS from the internet to the public ALB"));
        }
    }
}
