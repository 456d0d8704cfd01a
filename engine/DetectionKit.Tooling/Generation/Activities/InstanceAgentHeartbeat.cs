using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The SSM agent on an instance reporting in with the instance profile's credentials: the web fleet
/// through the VPC's endpoint or NAT gateway, a standalone host from its own address.
/// </summary>
internal sealed class InstanceAgentHeartbeat : IActivity
{
    public double Weight => 9;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var instance = account.Hosts.Count > 0 && random.Chance(0.15) ? random.Pick(account.Hosts) : random.Pick(account.Instances);
        var agent = UserAgents.SsmAgentOn(instance.Platform);
        var session = traffic.Begin(Callers.InstanceSession(account, instance, traffic.Now, random, agent))
            .Call(c => SsmCalls.UpdateInstanceInformation(c, instance));
        if (random.Chance(0.3))
        {
            session.Call(c => SsmCalls.ListInstanceAssociations(c, instance));
        }
    }
}
