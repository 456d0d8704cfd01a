using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The monitoring vendor's crawler: assumes its integration role from the vendor's account with an
/// external id, then lists and describes resources in every region of the account. Its policy lacks
/// a few permissions, so some calls are denied every time.
/// </summary>
internal sealed class VendorPolling : IActivity
{
    private const string Role = "ObservabilityVendorRole";

    private static readonly IReadOnlyList<Func<CallContext, ApiCall>> Polls =
    [
        Ec2Calls.DescribeInstances, Ec2Calls.DescribeInstanceStatus, Ec2Calls.DescribeVolumes, ElbCalls.DescribeLoadBalancers, ElbCalls.DescribeTargetGroups,
        ElbCalls.DescribeTargetHealth, RdsCalls.DescribeDBInstances, RdsCalls.DescribeDBClusters, LambdaCalls.ListFunctions, DynamoDbCalls.ListTables,
        CloudWatchCalls.DescribeAlarms, AutoScalingCalls.DescribeAutoScalingGroups, ContainerCalls.ListServices, ContainerCalls.DescribeClusters,
        c => LogsCalls.DescribeLogGroups(c, "/aws/"), c => ApiCall.Read("tagging", "GetResources", new() { ["resourcesPerPage"] = 100 }),
    ];

    /// <summary>Calls the integration role is not granted: denied on every pass, never fixed.</summary>
    private static readonly IReadOnlyList<Func<CallContext, ApiCall>> Unpermitted =
    [
        RdsCalls.DescribeDBClusterSnapshots, c => LambdaCalls.ListEventSourceMappings(c, "thumbnail-generator"), RdsCalls.DescribeEvents,
    ];

    public double Weight => 3;

    /// <summary>The external id the vendor was given for the account, which its role's trust policy requires.</summary>
    public static string ExternalId(Account account) => "acme-" + account.Environment + "-7f3c91";

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var vendorIp = random.Pick(Organization.VendorIps);
        var sessionName = "observability-crawler-" + Choose.Epoch(traffic.Now);
        var vendorPrincipal = $"AROA{StableIds.Iam(string.Empty, "vendor-crawler", 0)}:crawler-{random.Hex(8)}";
        var assume = traffic.Begin(Callers.OtherAccount(account, Organization.VendorAccountId, vendorPrincipal, vendorIp, UserAgents.VendorAgent))
            .Call(c => StsCalls.AssumeRole(c, Role, sessionName, externalId: ExternalId(account)));

        var caller = Callers.RoleSession(account, Role, sessionName, assume.Time, random, vendorIp, UserAgents.VendorAgent);
        foreach (var region in account.Regions)
        {
            var session = assume.Fork(caller, region);
            foreach (var poll in Polls.Where(_ => random.Chance(0.55)))
            {
                session.Try(poll, 0.01, ApiErrors.Throttled);
            }

            if (random.Chance(0.5))
            {
                session.Fail(random.Pick(Unpermitted), call => ApiErrors.AccessDenied(call, caller.Arn));
            }
        }
    }
}
