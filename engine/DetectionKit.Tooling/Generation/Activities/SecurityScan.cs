using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The security team's posture scanner, running as a task in the security account: it assumes the
/// audit role in an account and reads the configuration of IAM, CloudTrail, GuardDuty, S3, EC2, KMS
/// and more, the way open-source scanners do. Missing configurations show up as routine errors.
/// </summary>
internal sealed class SecurityScan : IActivity
{
    private const string Role = "SecurityAuditRole";

    public double Weight => 0.5;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var account = random.Pick(org.Accounts);
        var sessionName = "posture-scan-" + Choose.Epoch(traffic.Now);
        var scanner = $"{org.Security.RoleId("security-scanner-task")}:{random.Hex(32)}";
        var assume = traffic.Begin(Callers.OtherAccount(account, org.Security.Id, scanner, org.Security.NatIp, UserAgents.SecurityScanner))
            .Call(c => StsCalls.AssumeRole(c, Role, sessionName));
        var caller = Callers.RoleSession(account, Role, sessionName, assume.Time, random, org.Security.NatIp, UserAgents.SecurityScanner);
        var session = assume.Fork(caller);
        var trail = SecurityServiceCalls.TrailArn(session.Context, org.Security.Id);

        session.Call(StsCalls.GetCallerIdentity)
            .Call(IamCalls.GetAccountSummary)
            .Try(IamCalls.GetAccountPasswordPolicy, account.Environment == "prod" ? 0 : 1, _ => ApiErrors.NoSuchEntity($"Password Policy with domain name {account.Id}"))
            .Call(IamCalls.GenerateCredentialReport).Wait(3, 8).Call(IamCalls.GetCredentialReport)
            .Call(IamCalls.ListUsers).Call(IamCalls.ListRoles).Call(IamCalls.ListPolicies)
            .Call(IamCalls.ListOpenIDConnectProviders).Call(IamCalls.ListSAMLProviders);
        foreach (var user in account.IamUsers)
        {
            session.Call(c => IamCalls.ListMFADevices(c, user.Name))
                .Call(c => IamCalls.ListAccessKeys(c, user.Name))
                .Try(c => IamCalls.GetLoginProfile(c, user.Name), user.Owner is null ? 1 : 0, _ => ApiErrors.NoSuchEntity($"Login Profile for User {user.Name}"));
        }

        session.Call(SecurityServiceCalls.DescribeTrails).Call(c => SecurityServiceCalls.GetTrailStatus(c, trail)).Call(c => SecurityServiceCalls.GetEventSelectors(c, trail))
            .Call(SecurityServiceCalls.ListDetectors).Call(SecurityServiceCalls.GetDetector)
            .Call(SecurityServiceCalls.DescribeConfigurationRecorderStatus)
            .Call(S3Calls.ListBuckets);
        foreach (var bucket in account.Buckets)
        {
            session.Try(c => S3Calls.GetBucketPolicy(c, bucket), 0.7, _ => ApiErrors.NoSuchBucketPolicy)
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketPublicAccessBlock", "publicAccessBlock"))
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketEncryption", "encryption"))
                .Call(c => S3Calls.BucketRead(c, bucket, "GetBucketLogging", "logging"));
        }

        foreach (var region in account.Regions)
        {
            var regional = session.Fork(caller, region);
            regional.Try(Ec2Calls.DescribeSecurityGroups, 0.03, ApiErrors.Throttled).Call(Ec2Calls.DescribeFlowLogs).Call(Ec2Calls.DescribeVpcs)
                .Call(Ec2Calls.DescribeInstances).Call(Ec2Calls.DescribeVolumes).Call(Ec2Calls.DescribeSnapshots)
                .Call(KmsCalls.ListKeys).Call(LambdaCalls.ListFunctions).Call(RdsCalls.DescribeDBInstances)
                .Call(SecretsManagerCalls.ListSecrets).Call(SsmCalls.DescribeInstanceInformation).Call(ContainerCalls.DescribeRepositories);
            foreach (var key in account.Keys.Where(k => k.Region == region))
            {
                regional.Call(c => KmsCalls.DescribeKey(c, key)).Call(c => KmsCalls.GetKeyRotationStatus(c, key)).Call(c => KmsCalls.GetKeyPolicy(c, key));
            }

            // The audit role is not granted ECR image reads, which this check tries anyway.
            foreach (var repository in account.Repositories)
            {
                regional.Fail(c => ContainerCalls.DescribeImages(c, repository), call => ApiErrors.AccessDenied(call, caller.Arn));
            }
        }
    }
}
