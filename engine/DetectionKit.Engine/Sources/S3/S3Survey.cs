using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>What a time range of a trail bucket holds, from its listings alone (<see cref="S3EventSource.SurveyAsync"/>).</summary>
/// <param name="Location">The location surveyed, as given.</param>
/// <param name="Folders">The region folders with log objects in range, in key order.</param>
/// <param name="Problem">Why the survey is incomplete or empty (a listing that failed, no folders to list); null when it is neither.</param>
public sealed record S3Survey(string Location, IReadOnlyList<S3FolderSize> Folders, Diagnostic? Problem)
{
    public long Objects => Folders.Sum(f => f.Objects);

    public long Bytes => Folders.Sum(f => f.Bytes);
}
