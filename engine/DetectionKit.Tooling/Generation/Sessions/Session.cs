using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// A run of calls by one caller: each call comes a moment after the previous one, so a session reads
/// as a person or program working through its task.
/// </summary>
internal sealed class Session
{
    private readonly Traffic traffic;

    public Session(Traffic traffic, Caller caller, string region, DateTimeOffset start)
    {
        this.traffic = traffic;
        Caller = caller;
        Region = region;
        Time = start;
    }

    public Caller Caller { get; }

    public string Region { get; set; }

    public DateTimeOffset Time { get; private set; }

    public SeededRandom Random => traffic.Random;

    public CallContext Context => new(Caller.Account, Region, Time, traffic.Random);

    /// <summary>A successful call, a short pause after the previous one.</summary>
    public Session Call(Func<CallContext, ApiCall> build) => Emit(build, null);

    /// <summary>A call that fails with the error the function gives for it.</summary>
    public Session Fail(Func<CallContext, ApiCall> build, Func<ApiCall, ApiError> error) => Emit(build, error);

    /// <summary>A call that fails with probability <paramref name="chance"/>.</summary>
    public Session Try(Func<CallContext, ApiCall> build, double chance, Func<ApiCall, ApiError> error) =>
        Emit(build, Random.Chance(chance) ? error : null);

    /// <summary>Reads denied now and then: a role without the permission, the routine noise of a working account.</summary>
    public Session Read(Func<CallContext, ApiCall> build, double deniedChance = 0) =>
        Try(build, deniedChance, call => ApiErrors.AccessDenied(call, Caller.Arn));

    public Session Wait(double minSeconds, double maxSeconds)
    {
        Time = Time.AddSeconds(minSeconds + (Random.NextDouble() * (maxSeconds - minSeconds)));
        return this;
    }

    /// <summary>Another caller's session starting now, such as a service acting on this caller's request.</summary>
    public Session Fork(Caller caller, string? region = null) => new(traffic, caller, region ?? Region, Time);

    private Session Emit(Func<CallContext, ApiCall> build, Func<ApiCall, ApiError>? error)
    {
        Wait(0.05, 1.2);
        var call = build(Context);
        traffic.Emit(Time, Caller, call, error?.Invoke(call), Region);
        return this;
    }
}
