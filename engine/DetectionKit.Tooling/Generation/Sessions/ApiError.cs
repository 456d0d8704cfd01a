namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// The <c>errorCode</c> and <c>errorMessage</c> of a failed call. A failed console sign-in has no
/// code: only a message, with the outcome in its response (<c>ConsoleLogin: Failure</c>).
/// </summary>
internal sealed record ApiError(string? Code, string? Message);
