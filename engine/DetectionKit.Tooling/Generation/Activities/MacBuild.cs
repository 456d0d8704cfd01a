using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An iOS build on the EC2 Mac host (mac2.metal, in a public subnet of dev with an Elastic IP): the
/// build cache tool restores derived data from the cache bucket, the build runs, the tool saves the
/// new cache entries, and the AWS CLI uploads the app archive. Both use the host's instance profile,
/// from macOS, so the user agents name macOS and the calls come from the Elastic IP.
/// </summary>
internal sealed class MacBuild : IActivity
{
    private const string CacheBucket = "acme-dev-ios-build-cache";

    private static readonly IReadOnlyList<string> Branches = ["checkout-redesign", "push-notifications", "offline-cart", "login-passkeys"];

    public double Weight => 0.5;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = traffic.Organization.Account("dev");
        var host = account.Host("ios-build");
        var branch = random.Chance(0.6) ? "main" : $"feature/{random.Pick(Branches)}";
        var build = random.Between(4000, 9999);
        var cacheTool = Callers.InstanceSession(account, host, traffic.Now, random, UserAgents.MacBuildCacheTool);
        var session = traffic.Begin(cacheTool).Call(c => S3Calls.ListObjects(c, CacheBucket, $"derived-data/{branch}/"));
        for (var entry = random.Between(2, 7); entry > 0; entry--)
        {
            var key = $"derived-data/{branch}/{random.Hex(16)}.tar.zst";
            session.Try(c => S3Calls.GetObject(c, CacheBucket, key, random.Between(2_000_000, 60_000_000)), 0.1, _ => ApiErrors.NoSuchKey);
        }

        // The build itself: several minutes of compiling without calling AWS.
        session.Wait(240, 900);
        for (var entry = random.Between(1, 3); entry > 0; entry--)
        {
            session.Call(c => S3Calls.PutObject(c, CacheBucket, $"derived-data/{branch}/{random.Hex(16)}.tar.zst", random.Between(2_000_000, 60_000_000)));
        }

        var cli = cacheTool.From(host.ElasticIp!, UserAgents.CliMacBuildHost, isCli: true);
        session.Fork(cli).Wait(2, 10)
            .Call(c => S3Calls.PutObject(c, "acme-dev-artifacts", $"ios/{branch.Replace('/', '-')}/{build}/Acme.ipa", random.Between(40_000_000, 180_000_000)));
    }
}
