using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// Control Tower's StackSets at work in a member account: CloudFormation, called from the management
/// account, assumes <c>AWSControlTowerExecution</c> there and acts with it (invoked by
/// <c>cloudformation.amazonaws.com</c>). Mostly it deploys the Config rules of newly enabled
/// controls; now and then Account Factory vends a sandbox account, whose baseline creates the
/// roles Control Tower administers accounts with, AdministratorAccess attached to one of them.
/// </summary>
internal sealed class ControlTowerStackSets : IActivity
{
    private const string ExecutionRole = "AWSControlTowerExecution";

    private static readonly IReadOnlyList<(string Rule, string Identifier, string ResourceType)> Controls =
    [
        ("AWSControlTower_AWS-GR_ENCRYPTED_VOLUMES", "ENCRYPTED_VOLUMES", "AWS::EC2::Volume"),
        ("AWSControlTower_AWS-GR_RDS_STORAGE_ENCRYPTED", "RDS_STORAGE_ENCRYPTED", "AWS::RDS::DBInstance"),
        ("AWSControlTower_AWS-GR_RESTRICTED_SSH", "INCOMING_SSH_DISABLED", "AWS::EC2::SecurityGroup"),
        ("AWSControlTower_AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", "S3_BUCKET_PUBLIC_READ_PROHIBITED", "AWS::S3::Bucket"),
    ];

    public double Weight => 0.008;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var org = traffic.Organization;
        var vending = random.Chance(0.3);
        var account = vending ? org.Sandbox : random.Pick(org.Workloads);
        var region = account.PrimaryRegion;
        // CloudTrail examples do not show how StackSets name the execution role's session; a UUID stands in.
        var sessionName = random.Uuid();
        var stackSets = Callers.OtherAccount(account, Organization.ManagementAccountId,
            $"{StableIds.Iam("AROA", Organization.ManagementAccountId + "/AWSControlTowerStackSetRole", account.Seed)}:{random.Uuid()}",
            "cloudformation.amazonaws.com", "cloudformation.amazonaws.com");
        var assume = traffic.Begin(stackSets, region).Call(c => StsCalls.AssumeRole(c, ExecutionRole, sessionName));
        var execution = assume.Fork(Callers.RoleSession(account, ExecutionRole, sessionName, assume.Time, random, "cloudformation.amazonaws.com", "cloudformation.amazonaws.com")
            .Via("cloudformation.amazonaws.com")).Wait(2, 10);
        if (vending)
        {
            var trust = IamCalls.TrustPolicy(new JsonObject { ["AWS"] = $"arn:aws:iam::{Organization.ManagementAccountId}:role/service-role/AWSControlTowerAdmin" }, "sts:AssumeRole");
            execution.Call(c => IamCalls.CreateRole(c, "aws-controltower-AdministratorExecutionRole", trust))
                .Call(c => IamCalls.AttachRolePolicy(c, "aws-controltower-AdministratorExecutionRole", "AdministratorAccess"))
                .Call(c => IamCalls.CreateRole(c, "aws-controltower-ReadOnlyExecutionRole", trust))
                .Call(c => IamCalls.AttachRolePolicy(c, "aws-controltower-ReadOnlyExecutionRole", "ReadOnlyAccess"));
            return;
        }

        foreach (var control in Controls.Where(_ => random.Chance(0.4)).DefaultIfEmpty(Controls[0]))
        {
            execution.Call(c => SecurityServiceCalls.PutConfigRule(c, control.Rule, control.Identifier, control.ResourceType));
        }
    }
}
