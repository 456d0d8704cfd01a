namespace DetectionKit.Engine.Loading;

/// <summary>
/// The path a file is really at, every symbolic link on the way followed (what POSIX <c>realpath</c>
/// answers), so a check of where a path leads cannot be fooled by a link inside that points outside.
/// </summary>
internal static class RealPath
{
    // As many links as Linux follows before ELOOP: a cycle ends here instead of looping.
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="relative"/> taken from the directory <paramref name="from"/>; null for a link cycle.</summary>
    public static string? Of(string from, string relative = ".")
    {
        var start = Path.GetFullPath(from);
        var root = Path.GetPathRoot(start)!;
        var pending = new Stack<string>();
        Push(pending, relative);
        Push(pending, start[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // current has no link left in it, so its parent is its real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The target's own parts are walked too: a '..' after a link in it is the link target's parent.
            Push(pending, target);
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or under it; both full paths.</summary>
    public static bool IsWithin(string path, string folder)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(path, trimmed, comparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison)
            || (trimmed.Length > 0 && trimmed[^1] == Path.DirectorySeparatorChar && path.StartsWith(trimmed, comparison));
    }

    private static void Push(Stack<string> pending, string path)
    {
        var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        var rooted = Path.GetPathRoot(path) ?? string.Empty;
        var parts = path[rooted.Length..].Split(separators, StringSplitOptions.RemoveEmptyEntries);
        for (var index = parts.Length - 1; index >= 0; index--)
        {
            pending.Push(parts[index]);
        }
    }
}
