using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// What opening a page of the console (or running a handful of CLI commands about one service)
/// calls: a burst of reads. Each page takes the chance that a read is not allowed to the caller.
/// </summary>
internal static class ConsolePages
{
    public delegate void Page(Session session, Account account, double denied);

    public static readonly IReadOnlyList<Page> Operations =
    [
        Ec2, S3, Monitoring, Lambda, Containers, Databases, Stacks, Logs, Scaling, LoadBalancers, Parameters, Tables,
    ];

    public static readonly IReadOnlyList<Page> Governance = [Iam, Keys, Secrets, Security];

    public static void Ec2(Session s, Account a, double denied)
    {
        s.Read(Ec2Calls.DescribeInstances, denied).Read(Ec2Calls.DescribeInstanceStatus, denied).Read(Ec2Calls.DescribeVolumes, denied)
            .Read(Ec2Calls.DescribeAddresses, denied).Read(Ec2Calls.DescribeAccountAttributes, denied).Read(Ec2Calls.DescribeAvailabilityZones, denied);
        if (a.Instances.Count > 0)
        {
            var instance = s.Random.Pick(a.Instances).InstanceId;
            s.Read(c => Ec2Calls.DescribeInstance(c, instance), denied).Read(c => Ec2Calls.DescribeTags(c, instance), denied).Read(Ec2Calls.DescribeSecurityGroups, denied);
        }
    }

    public static void S3(Session s, Account a, double denied)
    {
        s.Read(S3Calls.ListBuckets, denied);
        var bucket = s.Random.Pick(a.Buckets);
        s.Read(c => S3Calls.BucketRead(c, bucket, "GetBucketLocation", "location"), denied)
            .Read(c => S3Calls.BucketRead(c, bucket, "GetBucketVersioning", "versioning"), denied)
            .Read(c => S3Calls.BucketRead(c, bucket, "GetBucketAcl", "acl"), denied)
            .Read(c => S3Calls.ListObjects(c, bucket, string.Empty), denied);
    }

    public static void Monitoring(Session s, Account a, double denied) =>
        s.Read(CloudWatchCalls.DescribeAlarms, denied).Read(CloudWatchCalls.ListDashboards, denied)
            .Read(c => CloudWatchCalls.GetDashboard(c, $"service-health-{a.Environment}"), denied)
            .Read(c => CloudWatchCalls.DescribeAlarmHistory(c, "orders-api-errors"), denied);

    public static void Lambda(Session s, Account a, double denied)
    {
        var function = s.Random.Pick(a.Applications.Where(x => x.Runtime == Runtime.Lambda).Select(x => x.Name).DefaultIfEmpty("thumbnail-generator").ToList());
        s.Read(LambdaCalls.ListFunctions, denied).Read(LambdaCalls.GetAccountSettings, denied).Read(c => LambdaCalls.GetFunction(c, function), denied)
            .Try(c => LambdaCalls.GetPolicy(c, function), 0.5, _ => ApiErrors.ResourceNotFound("The resource you requested does not exist."));
    }

    public static void Containers(Session s, Account a, double denied)
    {
        var service = s.Random.Pick(a.Repositories.DefaultIfEmpty("orders-api").ToList());
        s.Read(ContainerCalls.DescribeClusters, denied).Read(ContainerCalls.ListServices, denied).Read(c => ContainerCalls.DescribeServices(c, service), denied)
            .Read(c => ContainerCalls.ListTasks(c, service), denied).Read(c => ContainerCalls.DescribeImages(c, service), denied);
    }

    public static void Databases(Session s, Account a, double denied)
    {
        s.Read(RdsCalls.DescribeDBInstances, denied).Read(RdsCalls.DescribeDBClusters, denied).Read(RdsCalls.DescribeEvents, denied);
        foreach (var instance in a.DbInstances)
        {
            s.Read(c => RdsCalls.ListTagsForResource(c, instance), denied);
        }
    }

    public static void Stacks(Session s, Account a, double denied)
    {
        var stack = s.Random.Pick(a.Stacks);
        s.Read(CloudFormationCalls.ListStacks, denied).Read(c => CloudFormationCalls.DescribeStacks(c, stack), denied)
            .Read(c => CloudFormationCalls.DescribeStackEvents(c, stack), denied).Read(c => CloudFormationCalls.DescribeStackResources(c, stack), denied)
            .Read(c => CloudFormationCalls.GetTemplate(c, stack), denied);
    }

    public static void Logs(Session s, Account a, double denied)
    {
        var group = s.Random.Pick(a.Applications.Select(x => x.Runtime == Runtime.Lambda ? $"/aws/lambda/{x.Name}" : $"/ecs/{x.Name}").DefaultIfEmpty("/aws/lambda/security-findings-export").ToList());
        s.Read(c => LogsCalls.DescribeLogGroups(c, group[..5]), denied)
            .Try(c => LogsCalls.DescribeLogStreams(c, group), 0.02, _ => ApiErrors.ResourceNotFound("The specified log group does not exist."));
        if (s.Random.Chance(0.5))
        {
            s.Read(c => LogsCalls.FilterLogEvents(c, group), denied);
            return;
        }

        s.Read(c => LogsCalls.StartQuery(c, group), denied).Wait(2, 6).Read(LogsCalls.GetQueryResults, denied).Wait(1, 3).Read(LogsCalls.GetQueryResults, denied);
    }

    public static void Scaling(Session s, Account a, double denied) =>
        s.Read(AutoScalingCalls.DescribeAutoScalingGroups, denied).Read(AutoScalingCalls.DescribeScalingActivities, denied).Read(AutoScalingCalls.DescribePolicies, denied);

    public static void LoadBalancers(Session s, Account a, double denied) =>
        s.Read(ElbCalls.DescribeLoadBalancers, denied).Read(ElbCalls.DescribeListeners, denied).Read(ElbCalls.DescribeTargetGroups, denied).Read(ElbCalls.DescribeTargetHealth, denied);

    public static void Parameters(Session s, Account a, double denied)
    {
        s.Read(SsmCalls.DescribeInstanceInformation, denied).Read(SsmCalls.DescribeParameters, denied);
        if (a.Applications.Count > 0)
        {
            // A plain (not SecureString) setting read without decryption; now and then a mistyped name.
            var parameter = s.Random.Pick(a.Applications.SelectMany(x => x.Parameters).ToList());
            s.Try(c => SsmCalls.GetParameter(c, parameter, withDecryption: false), 0.05, _ => ApiErrors.ParameterNotFound);
        }
    }

    public static void Tables(Session s, Account a, double denied)
    {
        s.Read(DynamoDbCalls.ListTables, denied);
        if (a.Applications.FirstOrDefault(x => x.Table is not null)?.Table is { } table)
        {
            s.Read(c => DynamoDbCalls.DescribeTable(c, table), denied).Read(c => DynamoDbCalls.DescribeContinuousBackups(c, table), denied);
        }
    }

    public static void Iam(Session s, Account a, double denied)
    {
        s.Read(IamCalls.GetAccountSummary, denied).Read(IamCalls.ListAccountAliases, denied).Read(IamCalls.ListRoles, denied).Read(IamCalls.ListUsers, denied);
        var role = s.Random.Pick(a.Applications.Select(x => x.RoleName).DefaultIfEmpty("SecurityAuditRole").ToList());
        s.Read(c => IamCalls.GetRole(c, role), denied).Read(c => IamCalls.ListAttachedRolePolicies(c, role), denied).Read(c => IamCalls.ListRolePolicies(c, role), denied);
    }

    public static void Keys(Session s, Account a, double denied)
    {
        var key = s.Random.Pick(a.Keys);
        s.Read(KmsCalls.ListAliases, denied).Read(KmsCalls.ListKeys, denied).Read(c => KmsCalls.DescribeKey(c, key), denied).Read(c => KmsCalls.GetKeyRotationStatus(c, key), denied);
    }

    public static void Secrets(Session s, Account a, double denied)
    {
        s.Read(SecretsManagerCalls.ListSecrets, denied);
        foreach (var secret in a.Applications.SelectMany(x => x.Secrets).Where(_ => s.Random.Chance(0.3)))
        {
            s.Read(c => SecretsManagerCalls.DescribeSecret(c, secret), denied);
        }
    }

    public static void Security(Session s, Account a, double denied) =>
        s.Read(SecurityServiceCalls.ListDetectors, denied).Read(SecurityServiceCalls.GetDetector, denied).Read(SecurityServiceCalls.ListFindings, denied)
            .Read(SecurityServiceCalls.GetFindings, denied).Read(SecurityServiceCalls.LookupEvents, denied).Read(SecurityServiceCalls.DescribeTrails, denied)
            .Read(SecurityServiceCalls.DescribeConfigRules, denied).Read(SecurityServiceCalls.DescribeComplianceByConfigRule, denied);
}
