namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// How code in a private subnet reaches AWS APIs: through a VPC endpoint for the services the VPC
/// has one for (CloudTrail records the private address and the endpoint id), otherwise out through
/// the NAT gateway (CloudTrail records the gateway's public address). A gateway with secondary
/// addresses sends each new connection from any of them.
/// </summary>
internal sealed record VpcEgress(string PrivateIp, string EndpointId, IReadOnlySet<string> EndpointServices, IReadOnlyList<string> NatIps)
{
    public (string SourceIp, string? EndpointId) Route(string service, SeededRandom random) =>
        EndpointServices.Contains(service) ? (PrivateIp, EndpointId) : (random.Pick(NatIps), null);
}
