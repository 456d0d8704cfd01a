using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Activities;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation;

/// <summary>
/// Generates realistic benign CloudTrail records for false-positive testing: a small organisation's
/// applications, pipelines, scanners, AWS services and people going about a normal day, with the
/// routine errors that come with it, and, rarely, the routine forms of the changes detection rules
/// watch (trail and detector updates by infrastructure code, keys removed with their stacks,
/// permission sets provisioned by Identity Center...). Deterministic: the same options give
/// byte-identical records. Records come in time order with unique event ids; nothing an attack pack
/// is meant to catch (root use, sign-in without MFA, logging or GuardDuty turned off, public buckets,
/// keys created for others, sharing outside the organisation) is ever generated.
/// </summary>
public sealed class BenignTrafficGenerator
{
    /// <summary>The mean time between activity starts; with the mix's size this is about 100,000 records a day.</summary>
    private const double MeanSecondsBetweenActivities = 9.0;

    private readonly BenignTrafficOptions options;

    public BenignTrafficGenerator(BenignTrafficOptions? options = null) => this.options = options ?? new BenignTrafficOptions();

    /// <summary>The first <paramref name="count"/> records, generated lazily: nothing is kept but the sessions still in progress.</summary>
    public IEnumerable<JsonObject> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SeededRandom(options.Seed);
        var traffic = new Traffic(random, Organization.Create(random, options.Seed), options.Start);
        var mix = new ActivityMix();
        var clock = options.Start;
        var produced = 0;
        while (produced < count)
        {
            // Everything scheduled before the next activity starts is final: later activities only add later records.
            clock = clock.AddSeconds(random.Exponential(MeanSecondsBetweenActivities));
            while (produced < count && traffic.TryTakeBefore(clock, out var record))
            {
                produced++;
                yield return record;
            }

            traffic.Now = clock;
            mix.Pick(random, clock).Run(traffic);
        }
    }
}
