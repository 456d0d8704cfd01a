using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// The shared state of one generation run: the world, the random source, and the records activities
/// have scheduled but not yet handed out, kept in time order (ties in scheduling order) so sessions
/// that overlap interleave the way they would in a real trail.
/// </summary>
internal sealed class Traffic
{
    private readonly PriorityQueue<JsonObject, (long Ticks, long Sequence)> pending = new();
    private long sequence;

    public Traffic(SeededRandom random, Organization organization, DateTimeOffset start)
    {
        Random = random;
        Organization = organization;
        Now = start;
    }

    public SeededRandom Random { get; }

    public Organization Organization { get; }

    /// <summary>When the activity being run starts; nothing it schedules is earlier.</summary>
    public DateTimeOffset Now { get; set; }

    public Session Begin(Caller caller, string? region = null) => new(this, caller, region ?? caller.Account.PrimaryRegion, Now);

    public void Emit(DateTimeOffset at, Caller caller, ApiCall call, ApiError? error, string region) =>
        Schedule(at, RecordFactory.Build(at, caller, call, error, region, Random));

    /// <summary>A record that is not an API call, such as an Insights event.</summary>
    public void Schedule(DateTimeOffset at, JsonObject record) => pending.Enqueue(record, (at.UtcTicks, sequence++));

    /// <summary>The earliest scheduled record if it is earlier than <paramref name="limit"/>.</summary>
    public bool TryTakeBefore(DateTimeOffset limit, out JsonObject record)
    {
        if (pending.TryPeek(out _, out var when) && when.Ticks < limit.UtcTicks)
        {
            record = pending.Dequeue();
            return true;
        }

        record = null!;
        return false;
    }
}
