using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// A Terraform plan (and sometimes an apply) from CI: the <c>terraform-ci</c> user of the security
/// account assumes a role in the target account and refreshes every resource it manages, a burst
/// of reads in which "not found" answers are normal (a bucket without a policy, a function without
/// a resource policy). An apply then makes a few scoped changes. The DNS records of staging and dev
/// live in production's public zone, so their runs chain on into production's DNS role.
/// </summary>
internal sealed class TerraformRun : IActivity
{
    public double Weight => 0.7;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var account = Choose.Workload(traffic);
        var apply = random.Chance(0.25);
        var role = apply ? "terraform-apply" : "terraform-plan";
        var runnerIp = random.Pick(Organization.CiRunnerIps);
        var ci = org.Security.IamUsers.Single(u => u.Name == "terraform-ci");
        var sessionName = "terraform-" + Choose.Epoch(traffic.Now);

        // A cross-account AssumeRole is recorded in both accounts: the caller's and the role's.
        traffic.Begin(Callers.IamUserWithKey(org.Security, ci, runnerIp, UserAgents.Terraform, isCli: false), account.PrimaryRegion)
            .Call(StsCalls.GetCallerIdentity);
        var assume = traffic.Begin(Callers.OtherAccount(account, org.Security.Id, ci.UserId, runnerIp, UserAgents.Terraform)).Wait(0.5, 1)
            .Call(c => StsCalls.AssumeRole(c, role, sessionName));
        var caller = Callers.RoleSession(account, role, sessionName, assume.Time, random, runnerIp, UserAgents.Terraform, sourceIdentity: "terraform-ci");
        var session = assume.Fork(caller).Call(StsCalls.GetCallerIdentity);

        Network(session);
        foreach (var app in account.Applications.Where(_ => random.Chance(0.6)))
        {
            Application(session, account, app);
        }

        if (apply)
        {
            Changes(session, account, org);
        }

        if (account.Environment != "prod" && random.Chance(0.3))
        {
            Dns(session, account, org.Account("prod"), sessionName, runnerIp, apply);
        }
    }

    /// <summary>A role chain: the session in this account assumes production's DNS role for the environment's records.</summary>
    private static void Dns(Session session, Account account, Account prod, string sessionName, string runnerIp, bool apply)
    {
        var random = session.Random;
        var zone = StableIds.Iam("Z0", prod.Id + "/public-zone", prod.Seed);
        var assume = session.Fork(Callers.OtherAccount(prod, account.Id, $"{account.RoleId(apply ? "terraform-apply" : "terraform-plan")}:{sessionName}", runnerIp, UserAgents.Terraform))
            .Wait(1, 3).Call(c => StsCalls.AssumeRole(c, "terraform-dns", sessionName));
        var dns = assume.Fork(Callers.RoleSession(prod, "terraform-dns", sessionName, assume.Time, random, runnerIp, UserAgents.Terraform, sourceIdentity: "terraform-ci"))
            .Call(c => Route53Calls.GetHostedZone(c, zone)).Call(c => Route53Calls.ListResourceRecordSets(c, zone));
        if (apply && random.Chance(0.4))
        {
            dns.Call(c => Route53Calls.ChangeResourceRecordSets(c, zone, $"api.{account.Environment}.acme.example.", $"web-{account.Environment}-{random.Between(100000000, 999999999)}.{account.PrimaryRegion}.elb.amazonaws.com"));
        }
    }

    /// <summary>
    /// A trust policy re-applied by its module: the audit role trusts the security account's
    /// scanner (an account of the organisation), the vendor's role the vendor's account, on the
    /// external id the vendor was given.
    /// </summary>
    private static void Trust(Session session, Account account, Organization org)
    {
        var (role, policy) = session.Random.Chance(0.5)
            ? ("SecurityAuditRole", IamCalls.TrustPolicy(new JsonObject { ["AWS"] = org.Security.RoleArn("security-scanner-task") }, "sts:AssumeRole"))
            : ("ObservabilityVendorRole", IamCalls.TrustPolicy(new JsonObject { ["AWS"] = $"arn:aws:iam::{Organization.VendorAccountId}:root" }, "sts:AssumeRole",
                new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = VendorPolling.ExternalId(account) } }));
        session.Call(c => IamCalls.GetRole(c, role)).Call(c => IamCalls.UpdateAssumeRolePolicy(c, role, policy));
    }

    private static void Network(Session session) =>
        session.Try(Ec2Calls.DescribeVpcs, 0.02, ApiErrors.Throttled).Call(Ec2Calls.DescribeSubnets).Call(Ec2Calls.DescribeRouteTables)
            .Call(Ec2Calls.DescribeSecurityGroups).Call(Ec2Calls.DescribeSecurityGroupRules).Call(Ec2Calls.DescribeNatGateways)
            .Call(Ec2Calls.DescribeVpcEndpoints).Call(Ec2Calls.DescribeFlowLogs).Call(Ec2Calls.DescribeLaunchTemplateVersions)
            .Call(Ec2Calls.DescribeImages).Call(ElbCalls.DescribeLoadBalancers).Call(ElbCalls.DescribeLoadBalancerAttributes)
            .Call(ElbCalls.DescribeTargetGroups).Call(ElbCalls.DescribeListeners).Call(ElbCalls.DescribeTags)
            .Call(AutoScalingCalls.DescribeAutoScalingGroups).Call(AutoScalingCalls.DescribeLifecycleHooks);

    private static void Application(Session session, Account account, Application app)
    {
        var random = session.Random;
        session.Call(c => IamCalls.GetRole(c, app.RoleName))
            .Call(c => IamCalls.ListRolePolicies(c, app.RoleName))
            .Call(c => IamCalls.GetRolePolicy(c, app.RoleName, app.Name + "-access"))
            .Call(c => IamCalls.ListAttachedRolePolicies(c, app.RoleName))
            .Call(c => IamCalls.ListInstanceProfilesForRole(c, app.RoleName))
            .Call(c => KmsCalls.DescribeKey(c, app.Key)).Call(c => KmsCalls.GetKeyPolicy(c, app.Key))
            .Call(c => KmsCalls.GetKeyRotationStatus(c, app.Key)).Call(c => KmsCalls.ListResourceTags(c, app.Key));

        foreach (var bucket in app.Buckets)
        {
            session.Try(c => S3Calls.GetBucketPolicy(c, bucket), 0.5, _ => ApiErrors.NoSuchBucketPolicy)
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketAcl", "acl"))
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketVersioning", "versioning"))
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketEncryption", "encryption"))
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketPublicAccessBlock", "publicAccessBlock"))
                .Try(c => S3Calls.GetBucketTagging(c, bucket), 0.3, _ => ApiErrors.NoSuchTagSet)
                .Try(c => S3Calls.GetBucketLifecycle(c, bucket), 0.6, _ => ApiErrors.NoSuchLifecycleConfiguration);
        }

        foreach (var secret in app.Secrets)
        {
            session.Call(c => SecretsManagerCalls.DescribeSecret(c, secret)).Call(c => SecretsManagerCalls.GetResourcePolicy(c, secret));
        }

        foreach (var parameter in app.Parameters)
        {
            session.Call(c => SsmCalls.ListTagsForResource(c, parameter));
        }

        if (app.Table is { } table)
        {
            session.Call(c => DynamoDbCalls.DescribeTable(c, table)).Call(c => DynamoDbCalls.DescribeContinuousBackups(c, table)).Call(c => DynamoDbCalls.DescribeTimeToLive(c, table));
        }

        switch (app.Runtime)
        {
            case Runtime.Lambda:
                // A function without a resource-based policy answers GetPolicy with "not found".
                session.Call(c => LambdaCalls.GetFunction(c, app.Name)).Call(c => LambdaCalls.ListVersionsByFunction(c, app.Name))
                    .Try(c => LambdaCalls.GetPolicy(c, app.Name), 0.5, _ => ApiErrors.ResourceNotFound("The resource you requested does not exist."))
                    .Call(c => LogsCalls.DescribeLogGroups(c, $"/aws/lambda/{app.Name}"));
                break;
            case Runtime.EcsTask:
                session.Call(c => ContainerCalls.DescribeServices(c, app.Name)).Call(c => ContainerCalls.DescribeTaskDefinition(c, app.Name, random.Between(30, 90)))
                    .Call(c => LogsCalls.DescribeLogGroups(c, $"/ecs/{app.Name}"));
                break;
        }

        if (random.Chance(0.3))
        {
            session.Call(RdsCalls.DescribeDBClusters).Call(CloudWatchCalls.DescribeAlarms);
        }
    }

    private static void Changes(Session session, Account account, Organization org)
    {
        var random = session.Random;
        var app = random.Pick(account.Applications);
        session.Wait(5, 20);
        switch (random.Next(12))
        {
            case 0 when app.Buckets.Count > 0:
                var bucket = random.Pick(app.Buckets);
                session.Call(c => S3Calls.PutBucketTagging(c, bucket, account.Environment)).Call(c => S3Calls.PutBucketVersioning(c, bucket))
                    .Call(c => S3Calls.PutBucketPublicAccessBlock(c, bucket)).Call(c => S3Calls.PutBucketPolicy(c, bucket));
                break;
            case 1:
                session.Call(c => IamCalls.PutRolePolicy(c, app.RoleName, app.Name + "-access", ["kms:Decrypt", "kms:GenerateDataKey"], app.Key.Arn))
                    .Call(c => IamCalls.TagRole(c, app.RoleName, account.Environment));
                break;
            case 2:
                session.Call(c => Ec2Calls.AuthorizeSecurityGroupIngress(c, account.SecurityGroups[2], 5432, $"{account.PrivateNetwork}.0.0/16", "orders-api to database"))
                    .Call(c => Ec2Calls.CreateTags(c, account.SecurityGroups[2], "managed-by", "terraform"));
                break;
            case 3 when app.Parameters.Count > 0:
                session.Call(c => SsmCalls.PutParameter(c, app.Parameters[0], random.Between(2, 40)));
                break;
            case 5:
                // A security group egress rule resource updated in place (its description changed): the default allow-all rule.
                session.Call(Ec2Calls.DescribeSecurityGroupRules)
                    .Call(c => Ec2Calls.ModifySecurityGroupRules(c, account.SecurityGroups[1], "sgr-0" + StableIds.Hex(account.SecurityGroups[1] + "/egress", 16, account.Seed), "-1", "0.0.0.0/0", "Allow all outbound traffic"));
                break;
            case 6:
                // The public load balancer's group: HTTPS from anywhere, over IPv4 and IPv6, one rule resource each.
                session.Call(c => Ec2Calls.AuthorizeSecurityGroupIngress(c, account.SecurityGroups[0], 443, "0.0.0.0/0", "HTTPS from the internet"))
                    .Call(c => Ec2Calls.AuthorizeSecurityGroupIngress(c, account.SecurityGroups[0], 443, "::/0", "HTTPS from the internet"));
                break;
            case 7:
                // Older buckets still manage their ACL: the access-log bucket lets S3 log delivery write, the others stay private.
                var aclBucket = random.Chance(0.5) ? account.Buckets.Single(b => b.Contains("-access-logs-", StringComparison.Ordinal)) : random.Pick(account.Buckets);
                session.Call(c => S3Calls.BucketRead(c, aclBucket, "GetBucketAcl", "acl"))
                    .Call(c => S3Calls.PutBucketAcl(c, aclBucket, aclBucket.Contains("-access-logs-", StringComparison.Ordinal) ? "log-delivery-write" : "private"));
                break;
            case 8:
                Trust(session, account, org);
                break;
            default:
                session.Call(c => LogsCalls.PutRetentionPolicy(c, $"/aws/lambda/{app.Name}"))
                    .Call(c => CloudWatchCalls.PutMetricAlarm(c, $"{app.Name}-cpu-high", "CPUUtilization", app.Name));
                break;
        }
    }
}
