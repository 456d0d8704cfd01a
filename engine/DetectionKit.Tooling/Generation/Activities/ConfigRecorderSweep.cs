using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// AWS Config's recorder describing resources after a change, through its service-linked role:
/// bursts of Describe/Get/List calls made by <c>config.amazonaws.com</c>, some throttled.
/// </summary>
internal sealed class ConfigRecorderSweep : IActivity
{
    private static readonly IReadOnlyList<Func<CallContext, ApiCall>> Describes =
    [
        Ec2Calls.DescribeInstances, Ec2Calls.DescribeSecurityGroups, Ec2Calls.DescribeVpcs, Ec2Calls.DescribeSubnets, Ec2Calls.DescribeVolumes,
        Ec2Calls.DescribeNetworkInterfaces, Ec2Calls.DescribeRouteTables, Ec2Calls.DescribeNatGateways, Ec2Calls.DescribeVpcEndpoints,
        ElbCalls.DescribeLoadBalancers, ElbCalls.DescribeListeners, ElbCalls.DescribeLoadBalancerAttributes, ElbCalls.DescribeTags,
        AutoScalingCalls.DescribeAutoScalingGroups, AutoScalingCalls.DescribePolicies, RdsCalls.DescribeDBInstances, RdsCalls.DescribeDBClusters,
        LambdaCalls.ListFunctions, DynamoDbCalls.ListTables, SecurityServiceCalls.DescribeTrails, CloudWatchCalls.DescribeAlarms,
    ];

    public double Weight => 4;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = random.Chance(0.1) ? traffic.Organization.Security : Choose.Workload(traffic);
        var region = Choose.Region(account, random);
        var caller = Callers.RoleSession(account, "AWSServiceRoleForConfig", "AWSConfig-Describe", traffic.Now.AddMinutes(-random.Between(1, 55)), random,
                "config.amazonaws.com", "config.amazonaws.com", rolePath: "/aws-service-role/config.amazonaws.com/")
            .Via("config.amazonaws.com");
        var session = traffic.Begin(caller, region);
        for (var count = random.Between(2, 10); count > 0; count--)
        {
            if (random.Chance(0.25) && account.Buckets.Count > 0)
            {
                var bucket = random.Pick(account.Buckets);
                var (name, sub) = random.Pick(S3Calls.ConfigurationReads);
                session.Call(c => S3Calls.BucketRead(c, bucket, name, sub));
                session.Try(c => S3Calls.GetBucketPolicy(c, bucket), 0.6, _ => ApiErrors.NoSuchBucketPolicy);
                continue;
            }

            if (random.Chance(0.15))
            {
                var role = random.Pick(account.Applications.Count > 0 ? account.Applications.Select(a => a.RoleName).ToList() : ["OrganizationAccountAccessRole"]);
                session.Call(c => IamCalls.GetRole(c, role)).Call(c => IamCalls.ListRolePolicies(c, role)).Call(c => IamCalls.ListAttachedRolePolicies(c, role));
                continue;
            }

            if (random.Chance(0.1))
            {
                var key = random.Pick(account.Keys);
                session.Call(c => KmsCalls.DescribeKey(c, key)).Call(c => KmsCalls.GetKeyRotationStatus(c, key));
                continue;
            }

            // The recorder is well known for hitting API rate limits during large sweeps.
            session.Try(random.Pick(Describes), 0.04, ApiErrors.Throttled);
        }
    }
}
