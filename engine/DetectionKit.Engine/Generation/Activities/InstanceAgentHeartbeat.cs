using DetectionKit.Engine.Generation.Calls;
using DetectionKit.Engine.Generation.World;

namespace DetectionKit.Engine.Generation.Activities;

/// <summary>The SSM agent on an instance reporting in with the instance profile's credentials, through the VPC endpoint.</summary>
internal sealed class InstanceAgentHeartbeat : IActivity
{
    public double Weight => 9;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var instance = random.Pick(account.Instances);
        var caller = Callers.RoleSession(account, instance.RoleName, instance.InstanceId, traffic.Now.AddMinutes(-random.Between(5, 300)), random,
                instance.PrivateIp, UserAgents.SsmAgent, instanceProfile: true)
            .From(instance.PrivateIp, UserAgents.SsmAgent, vpcEndpointId: account.VpcEndpointId);
        var session = traffic.Begin(caller).Call(c => SsmCalls.UpdateInstanceInformation(c, instance));
        if (random.Chance(0.3))
        {
            session.Call(c => SsmCalls.ListInstanceAssociations(c, instance));
        }
    }
}
