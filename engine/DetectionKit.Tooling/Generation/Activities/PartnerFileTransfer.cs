using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// The partner SFTP gateway in staging, a host in a public subnet with an Elastic IP: it moves the
/// files partners upload into the inbound bucket and, now and then, fetches a file waiting for
/// them, with its instance profile, from its Elastic IP.
/// </summary>
internal sealed class PartnerFileTransfer : IActivity
{
    private const string Bucket = "acme-staging-partner-inbound";

    private static readonly IReadOnlyList<string> Partners = ["northwind-logistics", "contoso-payments", "fabrikam-supply"];

    public double Weight => 0.8;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = traffic.Organization.Account("staging");
        var host = account.Host("partner-sftp");
        var partner = random.Pick(Partners);
        var day = traffic.Now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var session = traffic.Begin(Callers.InstanceSession(account, host, traffic.Now, random, UserAgents.Boto3));
        for (var file = random.Between(1, 3); file > 0; file--)
        {
            var key = $"incoming/{partner}/{day}/{random.Hex(8)}.csv";
            session.Call(c => S3Calls.PutObject(c, Bucket, key, random.Between(5_000, 4_000_000))).Call(c => S3Calls.HeadObject(c, Bucket, key));
        }

        if (random.Chance(0.3))
        {
            session.Call(c => S3Calls.ListObjects(c, Bucket, $"outgoing/{partner}/"))
                .Call(c => S3Calls.GetObject(c, Bucket, $"outgoing/{partner}/{day}/remittance-{random.Hex(6)}.csv", random.Between(2_000, 400_000)));
        }
    }
}
