namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>File operations of the cache: an owner-only folder, and files replaced whole by a rename, so a reader never sees half of one.</summary>
internal static class CacheFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="IOException">The folder exists and others can write to it: whoever can replace the key can forge entries.</exception>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerOnlyFolder);
        if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new IOException($"{folder} is writable by other users, so its entries cannot be trusted; make it private (chmod 700) or set {CacheFolder.Variable} to a folder of your own");
        }
    }

    /// <summary>Writes a new file of the folder with a name no other process uses, readable by its owner only.</summary>
    public static string WriteTemporary(string folder, byte[] bytes)
    {
        var path = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(bytes);
        }

        return path;
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> in one rename: readers see the old file or the new one.</summary>
    public static void ReplaceAtomically(string path, byte[] bytes)
    {
        var temporary = WriteTemporary(Path.GetDirectoryName(path)!, bytes);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
