using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// A pull request closed: its workflow deletes the preview environment's stack, and CloudFormation
/// deletes the stack's resources on the workflow role's behalf (invoked by
/// <c>cloudformation.amazonaws.com</c>): the function, its log group and role, and the KMS key that
/// encrypted the preview's data, which can only be scheduled for deletion. Now and then a release
/// retires an old key of a long-lived stack instead: the template marks it disabled first.
/// </summary>
internal sealed class PreviewEnvironmentTeardown : IActivity
{
    private const string Role = "github-actions-deploy";

    public double Weight => 0.12;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = traffic.Organization.Account(random.Chance(0.7) ? "dev" : "staging");
        var runnerIp = random.Pick(Organization.CiRunnerIps);
        var oidc = Callers.GitHubActions(account, "orders-api", runnerIp);
        var assume = traffic.Begin(oidc).Call(c => StsCalls.AssumeRoleWithWebIdentity(c, Role, oidc.Identity["userName"]!.GetValue<string>()));
        var caller = Callers.RoleSession(account, Role, "GitHubActions", assume.Time, random, runnerIp, UserAgents.CliLinux).From(runnerIp, UserAgents.CliLinux, isCli: true);
        var session = assume.Fork(caller).Call(StsCalls.GetCallerIdentity);
        if (random.Chance(0.1))
        {
            RetireKey(session, account);
            return;
        }

        var pr = random.Between(1200, 1900);
        var stack = $"preview-pr-{pr}";
        var function = $"orders-api-preview-{pr}";
        var role = $"{function}-role";
        var key = new KmsKey(random.Uuid(), $"alias/{stack}", account.PrimaryRegion, account.Id);
        session.Call(c => CloudFormationCalls.DescribeStacks(c, stack)).Call(c => CloudFormationCalls.DeleteStack(c, stack));
        session.Fork(caller.Via("cloudformation.amazonaws.com")).Wait(2, 6)
            .Call(c => LambdaCalls.DeleteFunction(c, function))
            .Call(c => LogsCalls.DeleteLogGroup(c, $"/aws/lambda/{function}"))
            .Call(c => IamCalls.DetachRolePolicy(c, role, "service-role/AWSLambdaBasicExecutionRole"))
            .Call(c => IamCalls.DeleteRolePolicy(c, role, function + "-access"))
            .Call(c => IamCalls.DeleteRole(c, role))
            .Call(c => KmsCalls.ScheduleKeyDeletion(c, key, 7));
        for (var poll = random.Between(3, 8); poll > 0; poll--)
        {
            session.Wait(10, 10).Call(c => CloudFormationCalls.DescribeStackEvents(c, stack));
        }
    }

    /// <summary>The data key of a service moved to a new key last release; this release disables the old one before it is removed.</summary>
    private static void RetireKey(Session session, Account account)
    {
        var random = session.Random;
        var stack = $"orders-api-{account.Environment}";
        var changeSet = $"gha-{random.Hex(7)}";
        var templates = account.Buckets.Single(b => b.StartsWith("cf-templates-", StringComparison.Ordinal));
        var oldKey = new KmsKey(random.Uuid(), $"alias/orders-{account.Environment}-2023", account.PrimaryRegion, account.Id);
        session.Call(c => CloudFormationCalls.CreateChangeSet(c, stack, changeSet, templates)).Wait(5, 15)
            .Call(c => CloudFormationCalls.DescribeChangeSet(c, stack, changeSet))
            .Call(c => CloudFormationCalls.ExecuteChangeSet(c, stack, changeSet));
        session.Fork(session.Caller.Via("cloudformation.amazonaws.com")).Wait(2, 6).Call(c => KmsCalls.DisableKey(c, oldKey));
        session.Wait(10, 30).Call(c => CloudFormationCalls.DescribeStacks(c, stack));
    }
}
