using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>Picks what happens next: machines at a steady rate, people mostly in working hours on weekdays.</summary>
internal sealed class ActivityMix
{
    private readonly IReadOnlyList<IActivity> activities =
    [
        new ApplicationWork(),
        new InstanceAgentHeartbeat(),
        new ContainerTaskLaunch(),
        new ConfigRecorderSweep(),
        new VendorPolling(),
        new FleetScaling(),
        new ScheduledBackup(),
        new KeyAndSecretRotation(),
        new SecurityScan(),
        new TerraformRun(),
        new PipelineDeployment(),
        new IamUserConsoleSession(),
        new IdentityCenterConsoleSession(),
        new IdentityCenterCliSession(),
        new OperatorElevation(),
        new LegacyBatchJob(),
        new MacBuild(),
        new PartnerFileTransfer(),
        new PreviewEnvironmentTeardown(),
        new SecurityBaselineApply(),
        new GoldenImageBuild(),
        new ElevatedAccessGrant(),
        new ControlTowerStackSets(),
        new VendorOnboarding(),
        new CloudTrailInsights(),
    ];

    public IActivity Pick(SeededRandom random, DateTimeOffset time)
    {
        var presence = PeoplePresent(time);
        var total = activities.Sum(a => Weight(a, presence));
        var roll = random.NextDouble() * total;
        foreach (var activity in activities)
        {
            roll -= Weight(activity, presence);
            if (roll < 0)
            {
                return activity;
            }
        }

        return activities[0];
    }

    /// <summary>The share of people at work: a team spread over Europe and the US east coast, in UTC.</summary>
    private static double PeoplePresent(DateTimeOffset time)
    {
        var hour = time.UtcDateTime.Hour;
        var share = hour is >= 7 and < 19 ? 1.0 : hour is >= 19 and < 23 ? 0.35 : 0.06;
        return time.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? share * 0.12 : share;
    }

    private static double Weight(IActivity activity, double presence) => activity.ByPeople ? activity.Weight * presence : activity.Weight;
}
