using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// Who makes a run of calls and from where: the <c>userIdentity</c> block (copied into every record),
/// the source address (or, inside a VPC, the way out: endpoint or NAT gateway), the user agent, and
/// whether the calls come from a console session.
/// </summary>
internal sealed class Caller
{
    public required Account Account { get; init; }

    public required JsonObject Identity { get; init; }

    /// <summary>The ARN error messages name; empty for callers that have none.</summary>
    public required string Arn { get; init; }

    public required string SourceIp { get; init; }

    public required string UserAgent { get; init; }

    /// <summary>The AWS CLI: the user agent names each command.</summary>
    public bool IsCli { get; init; }

    /// <summary>Calls the console makes with a signed-in session (<c>sessionCredentialFromConsole</c>).</summary>
    public bool FromConsole { get; init; }

    /// <summary>Set for code in a private subnet: each call leaves through a VPC endpoint or the NAT gateway.</summary>
    public VpcEgress? Egress { get; init; }

    /// <summary>The caller is an AWS service host rather than a client: no TLS details are recorded.</summary>
    public bool IsServiceHost => SourceIp.EndsWith(".amazonaws.com", StringComparison.Ordinal) || SourceIp == "AWS Internal";

    public string UserAgentFor(ApiCall call) =>
        IsCli ? UserAgents.WithCliCommand(UserAgent, call.EventSource, call.EventName) : UserAgent;

    /// <summary>The same principal, with a service calling on its behalf (forward access sessions): CloudFormation, Secrets Manager, S3...</summary>
    public Caller Via(string servicePrincipal)
    {
        var identity = (JsonObject)Identity.DeepClone();
        identity["invokedBy"] = servicePrincipal;
        return new Caller
        {
            Account = Account,
            Identity = identity,
            Arn = Arn,
            SourceIp = servicePrincipal,
            UserAgent = servicePrincipal,
        };
    }

    /// <summary>The same caller with another source address and agent (a session used from the console, the CLI, a runner).</summary>
    public Caller From(string sourceIp, string userAgent, bool isCli = false, bool fromConsole = false) => new()
    {
        Account = Account,
        Identity = Identity,
        Arn = Arn,
        SourceIp = sourceIp,
        UserAgent = userAgent,
        IsCli = isCli,
        FromConsole = fromConsole,
    };

    /// <summary>The same caller running in a private subnet: its calls go out through the VPC's endpoints or NAT gateway.</summary>
    public Caller InVpc(VpcEgress egress, string userAgent) => new()
    {
        Account = Account,
        Identity = Identity,
        Arn = Arn,
        SourceIp = egress.PrivateIp,
        UserAgent = userAgent,
        Egress = egress,
    };
}
