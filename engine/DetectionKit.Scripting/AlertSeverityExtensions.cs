namespace DetectionKit.Scripting;

/// <summary>Steps on the severity ladder, for rules that grade an alert up or down from a base severity.</summary>
public static class AlertSeverityExtensions
{
    /// <summary>
    /// The severity <paramref name="steps"/> lower, never below <see cref="AlertSeverity.Info"/>:
    /// <c>AlertSeverity.High.Lower()</c> is <c>Medium</c>.
    /// </summary>
    /// <param name="severity">Where to start.</param>
    /// <param name="steps">How many steps down; negative steps go up.</param>
    public static AlertSeverity Lower(this AlertSeverity severity, int steps = 1) =>
        (AlertSeverity)Math.Clamp((int)severity - steps, (int)AlertSeverity.Info, (int)AlertSeverity.Critical);

    /// <summary>One step lower when <paramref name="condition"/> holds: <c>AlertSeverity.High.LowerWhen(e.InvokedByService is not null)</c>.</summary>
    /// <param name="severity">Where to start.</param>
    /// <param name="condition">Whether to step down.</param>
    public static AlertSeverity LowerWhen(this AlertSeverity severity, bool condition) => condition ? severity.Lower() : severity;

    /// <summary>The severity <paramref name="steps"/> higher, never above <see cref="AlertSeverity.Critical"/>.</summary>
    /// <param name="severity">Where to start.</param>
    /// <param name="steps">How many steps up; negative steps go down.</param>
    public static AlertSeverity Higher(this AlertSeverity severity, int steps = 1) => severity.Lower(-steps);

    /// <summary>The higher of two severities.</summary>
    /// <param name="severity">One severity.</param>
    /// <param name="other">The other.</param>
    public static AlertSeverity AtLeast(this AlertSeverity severity, AlertSeverity other) => severity >= other ? severity : other;
}
