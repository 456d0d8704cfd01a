using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;
using static DetectionKit.Tooling.Generation.Sessions.InsightRecords;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// CloudTrail Insights noticing the organisation's own bursts, a few times a day: a call-rate insight
/// when ECS scales out or a batch of functions starts, an error-rate insight when the Config recorder
/// runs into EC2's rate limits or a deployment leaves a task without a permission for a while. Each
/// is a Start record now and an End record with the same shared id when the burst is over.
/// </summary>
internal sealed class CloudTrailInsights : IActivity
{
    public double Weight => 0.03;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var region = account.PrimaryRegion;
        var sts = $"arn:aws:sts::{account.Id}:assumed-role";
        var burst = random.Pick(random.Chance(0.5) ? CallRateBursts : ErrorRateBursts);
        var (eventSource, eventName, errorCode, who, agent) = burst(account, sts);
        var insightType = errorCode is null ? "ApiCallRateInsight" : "ApiErrorRateInsight";
        var baseline = Math.Round(0.001 + (random.NextDouble() * 0.05), 6);
        var rate = Math.Round(1.5 + (random.NextDouble() * 12), 2);
        var minutes = random.Between(4, 75);
        var shared = random.Uuid();
        IReadOnlyList<Attribution> Attributions() =>
        [
            new("userIdentityArn", who, rate, baseline),
            new("userAgent", agent, rate, baseline),
            new("errorCode", errorCode ?? "null", rate, baseline),
        ];

        traffic.Schedule(traffic.Now, Build(traffic.Now, account, region, shared, "Start", insightType, eventSource, eventName, errorCode, baseline, rate, 1, Attributions(), random));
        var end = traffic.Now.AddMinutes(minutes);
        traffic.Schedule(end, Build(end, account, region, shared, "End", insightType, eventSource, eventName, errorCode, baseline, Math.Round(rate * 0.8, 2), minutes, Attributions(), random));
    }

    private delegate (string EventSource, string EventName, string? ErrorCode, string Who, string UserAgent) Burst(Account account, string sts);

    private static readonly IReadOnlyList<Burst> CallRateBursts =
    [
        (a, sts) => ("ec2.amazonaws.com", "CreateNetworkInterface", null, $"{sts}/AWSServiceRoleForECS/ecs-service-scheduler", "ecs.amazonaws.com"),
        (a, sts) => ("logs.amazonaws.com", "CreateLogStream", null, $"{sts}/thumbnail-generator-role/thumbnail-generator", UserAgents.NodeSdk("cloudwatch-logs")),
        (a, sts) => ("ecs.amazonaws.com", "RegisterTaskDefinition", null, $"{sts}/github-actions-deploy/GitHubActions", UserAgents.CliLinux),
    ];

    private static readonly IReadOnlyList<Burst> ErrorRateBursts =
    [
        (a, sts) => ("ec2.amazonaws.com", "DescribeInstances", "Client.RequestLimitExceeded", $"{sts}/AWSServiceRoleForConfig/AWSConfig-Describe", "config.amazonaws.com"),
        (a, sts) => ("secretsmanager.amazonaws.com", "GetSecretValue", "AccessDeniedException", $"{sts}/orders-api-task/{StableIds.Hex(a.Id + "/orders-api-task", 32, a.Seed)}", UserAgents.JavaSdk("secretsmanager")),
    ];
}
