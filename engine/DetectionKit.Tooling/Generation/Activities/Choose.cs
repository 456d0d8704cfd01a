using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>The choices most activities make the same way: which account, region, person.</summary>
internal static class Choose
{
    /// <summary>Egress addresses of Lambda functions that run outside a VPC: AWS public space.</summary>
    private static readonly IReadOnlyList<string> LambdaEgress = ["3.89.147.21", "54.173.22.198", "18.207.96.140", "44.201.12.77", "3.238.61.5"];

    /// <summary>Production carries most of the load; staging and dev less.</summary>
    public static Account Workload(Traffic traffic)
    {
        var roll = traffic.Random.NextDouble();
        return traffic.Organization.Account(roll < 0.55 ? "prod" : roll < 0.75 ? "staging" : "dev");
    }

    /// <summary>The primary region most of the time, another of the account's regions otherwise.</summary>
    public static string Region(Account account, SeededRandom random) =>
        account.Regions.Count > 1 && random.Chance(0.15) ? account.Regions[1] : account.PrimaryRegion;

    public static string LambdaEgressIp(SeededRandom random) => random.Pick(LambdaEgress);

    /// <summary>Where a person works from today: the office or home.</summary>
    public static string PersonIp(Person person, SeededRandom random) =>
        random.Chance(0.6) ? random.Pick(Organization.OfficeIps) : person.HomeIp;

    public static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
