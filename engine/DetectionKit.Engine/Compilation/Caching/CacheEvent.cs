namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>One compilation's use of the rule cache, for verbose output.</summary>
/// <param name="Outcome">Hit, miss or rebuilt.</param>
/// <param name="Entry">The entry file.</param>
/// <param name="Detail">Why an entry was not trusted, or why it could not be stored; null when there is nothing to say.</param>
public sealed record CacheEvent(CacheOutcome Outcome, string Entry, string? Detail = null)
{
    public override string ToString() => Outcome switch
    {
        CacheOutcome.Hit => $"rule cache: hit {Entry}",
        CacheOutcome.Miss when Detail is null => $"rule cache: miss, compiled and stored {Entry}",
        CacheOutcome.Miss => $"rule cache: miss, compiled without storing {Entry}: {Detail}",
        _ => $"rule cache: rebuilt {Entry}: {Detail}",
    };
}
