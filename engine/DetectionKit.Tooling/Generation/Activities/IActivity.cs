using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// Something that happens in the organisation and leaves a run of records: a deployment, a console
/// session, a scanner's pass, a task starting. Run it and it schedules its records from <c>traffic.Now</c> on.
/// </summary>
internal interface IActivity
{
    /// <summary>How often it happens relative to the others.</summary>
    double Weight { get; }

    /// <summary>Started by people, so rarer at night and at weekends; otherwise machines, at any hour.</summary>
    bool ByPeople { get; }

    void Run(Traffic traffic);
}
