namespace DetectionKit.Engine.Rules;

/// <summary>How a correlation rule decides that the step matches of one group fire it (Sigma's correlation types).</summary>
public enum CorrelationType
{
    /// <summary>At least the threshold of step matches within the timespan.</summary>
    EventCount,

    /// <summary>At least the threshold of distinct values within the timespan.</summary>
    ValueCount,

    /// <summary>Every step within the timespan, in any order.</summary>
    Temporal,

    /// <summary>Every step within the timespan, in the order the steps are listed.</summary>
    TemporalOrdered,
}
