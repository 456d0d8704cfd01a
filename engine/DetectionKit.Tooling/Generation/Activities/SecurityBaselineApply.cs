using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The security baseline's Terraform in the security account, where the organisation trail and the
/// GuardDuty administrator live: a refresh of the trail, its selectors and the detector, then one
/// change that keeps them on: the trail sent to CloudWatch Logs or a new notification topic, event
/// selectors that still log every management event, or the detector's protection plans.
/// </summary>
internal sealed class SecurityBaselineApply : IActivity
{
    public double Weight => 0.04;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var account = org.Security;
        var runnerIp = random.Pick(Organization.CiRunnerIps);
        var ci = account.IamUsers.Single(u => u.Name == "terraform-ci");
        var sessionName = "terraform-" + Choose.Epoch(traffic.Now);
        var assume = traffic.Begin(Callers.IamUserWithKey(account, ci, runnerIp, UserAgents.Terraform, isCli: false))
            .Call(StsCalls.GetCallerIdentity)
            .Call(c => StsCalls.AssumeRole(c, "terraform-apply", sessionName));
        var caller = Callers.RoleSession(account, "terraform-apply", sessionName, assume.Time, random, runnerIp, UserAgents.Terraform, sourceIdentity: "terraform-ci");
        var session = assume.Fork(caller).Call(StsCalls.GetCallerIdentity);
        var trail = SecurityServiceCalls.TrailArn(session.Context, account.Id);
        session.Call(SecurityServiceCalls.DescribeTrails).Call(c => SecurityServiceCalls.GetTrailStatus(c, trail))
            .Call(c => SecurityServiceCalls.GetEventSelectors(c, trail)).Call(c => SecurityServiceCalls.GetInsightSelectors(c, trail))
            .Call(SecurityServiceCalls.ListDetectors).Call(SecurityServiceCalls.GetDetector)
            .Call(c => S3Calls.BucketRead(c, account.Buckets[0], "GetBucketPolicy", "policy"))
            .Wait(5, 20);
        switch (random.Next(3))
        {
            case 0:
                session.Call(c => SecurityServiceCalls.UpdateTrail(c, random.Chance(0.5)
                    ? new() { ["cloudWatchLogsLogGroupArn"] = $"arn:aws:logs:us-east-1:{account.Id}:log-group:aws-cloudtrail-logs-org:*", ["cloudWatchLogsRoleArn"] = account.RoleArn("cloudtrail-cloudwatch-logs") }
                    : new() { ["snsTopicName"] = "org-trail-log-delivery" }));
                break;
            case 1:
                session.Call(c => SecurityServiceCalls.PutEventSelectors(c, org.Workloads.Select(a => a.Buckets.Single(b => b.Contains("-access-logs-", StringComparison.Ordinal)))));
                break;
            default:
                session.Call(SecurityServiceCalls.UpdateDetector);
                break;
        }
    }
}
