using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The everyday changes an engineer makes by hand: scaling, restarting a service, tuning a setting
/// or an alarm, running a command on the fleet or opening a shell on an instance, editing a stopped
/// dev instance's user data, and rarely fetching the Windows host's administrator password.
/// </summary>
internal static class OperatorChanges
{
    public static void Any(Session s, Account account)
    {
        var random = s.Random;
        var app = account.Applications.Count > 0 ? random.Pick(account.Applications) : null;
        switch (random.Next(10))
        {
            case 0 when account.Environment == "dev" && account.Instances.Count > 0:
                // Developers stop their dev instances in the evening and start them in the morning.
                var instance = random.Pick(account.Instances).InstanceId;
                s.Call(c => random.Chance(0.5) ? Ec2Calls.StopInstances(c, instance) : Ec2Calls.StartInstances(c, instance));
                break;
            case 1 when account.Instances.Count > 0:
                s.Call(AutoScalingCalls.DescribeAutoScalingGroups).Call(c => AutoScalingCalls.SetDesiredCapacity(c, random.Between(3, 8)));
                break;
            case 2 when app is { Runtime: Runtime.EcsTask }:
                s.Call(c => ContainerCalls.DescribeServices(c, app.Name)).Call(c => ContainerCalls.UpdateService(c, app.Name, random.Between(30, 90)));
                break;
            case 3 when app is { Parameters.Count: > 0 }:
                s.Call(c => SsmCalls.PutParameter(c, app.Parameters[^1], random.Between(2, 60)));
                break;
            case 4 when app is not null:
                s.Call(c => CloudWatchCalls.PutMetricAlarm(c, $"{app.Name}-latency-p99", "TargetResponseTime", app.Name));
                break;
            case 6 when account.Instances.Count > 0:
                var targets = account.Instances.Where(_ => random.Chance(0.4)).Select(i => i.InstanceId).DefaultIfEmpty(account.Instances[0].InstanceId).ToList();
                s.Call(SsmCalls.DescribeInstanceInformation).Call(c => random.Chance(0.8)
                    ? SsmCalls.SendCommand(c, "AWS-RunShellScript", targets, "reload nginx after the config change")
                    : SsmCalls.SendCommand(c, "AWS-RunPatchBaseline", targets, "patch ahead of the maintenance window"));
                break;
            case 7 when account.Instances.Count > 0:
                var target = random.Pick(account.Instances).InstanceId;
                s.Call(SsmCalls.DescribeInstanceInformation).Call(c => SsmCalls.StartSession(c, target, SessionName(s.Caller)));
                break;
            case 8 when account.Environment == "dev" && account.Instances.Count > 0:
                // User data can only change while the instance is stopped.
                var devInstance = random.Pick(account.Instances).InstanceId;
                s.Call(c => Ec2Calls.StopInstances(c, devInstance)).Wait(30, 90)
                    .Call(c => Ec2Calls.ModifyUserData(c, devInstance)).Wait(5, 20)
                    .Call(c => Ec2Calls.StartInstances(c, devInstance));
                break;
            case 9 when account.Hosts.FirstOrDefault(h => h.Platform == "Windows") is { } windows && random.Chance(0.3):
                s.Call(c => Ec2Calls.DescribeInstance(c, windows.InstanceId)).Call(c => Ec2Calls.GetPasswordData(c, windows.InstanceId));
                break;
            default:
                if (account.Instances.Count > 0)
                {
                    s.Call(c => Ec2Calls.CreateTags(c, random.Pick(account.Instances).InstanceId, "owner", "platform-team"));
                }

                break;
        }
    }

    /// <summary>The last part of the caller's ARN: a role session's name, an IAM user's name.</summary>
    private static string SessionName(Caller caller) => caller.Arn[(caller.Arn.LastIndexOf('/') + 1)..];
}
