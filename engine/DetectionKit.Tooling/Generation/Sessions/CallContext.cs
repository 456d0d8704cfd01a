using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>What building a call needs to know: the account and region it goes to, the time, and the random source.</summary>
internal readonly record struct CallContext(Account Account, string Region, DateTimeOffset Time, SeededRandom Random);
