using System.Security;

namespace DetectionKit.Engine.Sources;

/// <summary>Why an input was not read to its end.</summary>
public sealed record ReadFailure(ReadFailure.Kind Reason, string Message)
{
    public enum Kind
    {
        /// <summary>The input could not be read (I/O, network): trying again may work.</summary>
        Unavailable,

        /// <summary>Not valid gzip or JSON past the point where reading could resume.</summary>
        Corrupt,

        /// <summary>The input ends in the middle of its gzip stream or of a JSON value.</summary>
        Truncated,

        /// <summary>The input expands past the object limit.</summary>
        TooLarge,
    }

    /// <summary>True when the fault is in the object itself, so reading it again gives the same result.</summary>
    public bool IsPermanent => Reason != Kind.Unavailable;

    internal static bool IsInputFault(Exception ex) => ex is IOException or UnauthorizedAccessException or InvalidDataException or SecurityException or HttpRequestException;

    internal static Kind Of(Exception ex) => ex switch
    {
        InvalidDataException => Kind.Corrupt,
        EndOfStreamException => Kind.Truncated,
        _ => Kind.Unavailable,
    };

    internal static string Describe(Exception ex) => ex switch
    {
        InvalidDataException => $"not valid gzip: {ex.Message}",
        EndOfStreamException => $"the gzip stream is truncated: {ex.Message}",
        _ => $"cannot be read: {ex.Message}",
    };
}
