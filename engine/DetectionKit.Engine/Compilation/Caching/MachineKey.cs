using System.Security.Cryptography;

namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// The random key cache entries are authenticated with, created on first use in the cache folder and
/// readable by its owner only. A key that is missing, of the wrong size or readable by others is
/// replaced, which makes every entry sealed with the old one fail authentication and be rebuilt.
/// </summary>
internal static class MachineKey
{
    private const int Length = 32;
    private const string FileName = "key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static byte[] Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        var unusable = File.Exists(path);
        var temporary = CacheFiles.WriteTemporary(folder, RandomNumberGenerator.GetBytes(Length));
        try
        {
            File.Move(temporary, path, overwrite: unusable);
        }
        catch (IOException) when (!unusable && File.Exists(path))
        {
            // Another process created it first: both use the one it left.
        }
        finally
        {
            File.Delete(temporary);
        }

        return TryRead(path) ?? throw new IOException($"the cache key {path} could not be created");
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path) || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0))
            {
                return null;
            }

            var key = File.ReadAllBytes(path);
            return key.Length == Length ? key : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
