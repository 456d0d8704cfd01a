namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>What the rule cache did for one compilation.</summary>
public enum CacheOutcome
{
    /// <summary>A valid entry was loaded; nothing was compiled.</summary>
    Hit,

    /// <summary>There was no entry for these inputs: the rules were compiled and checked, and stored.</summary>
    Miss,

    /// <summary>An entry was there but was not trusted (it failed authentication, was truncated or unreadable): the rules were compiled and checked again, and the entry replaced.</summary>
    Rebuilt,
}
