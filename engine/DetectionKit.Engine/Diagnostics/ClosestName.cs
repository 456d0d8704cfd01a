namespace DetectionKit.Engine.Diagnostics;

/// <summary>The known name a mistyped one most likely meant, for "did you mean" hints.</summary>
public static class ClosestName
{
    /// <summary>
    /// The candidate equal to <paramref name="name"/> but for case, else the shortest one that extends
    /// it (a versioned name such as <c>UpdateFunctionCode20150331v2</c>), else the nearest by edit
    /// distance when near enough; null when nothing is close.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var known = candidates as IReadOnlyCollection<string> ?? candidates.ToList();
        return known.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
            ?? known.Where(c => name.Length > 0 && c.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Length)
                .ThenBy(c => c, StringComparer.Ordinal)
                .FirstOrDefault()
            ?? ByEditDistance(name, known);
    }

    /// <summary>The nearest candidate, ignoring case, within a third of its length (at least 2 edits); ties go to the first.</summary>
    public static string? ByEditDistance(string name, IEnumerable<string> candidates)
    {
        var lower = name.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: skip what cannot win before computing it.
            var limit = Math.Max(2, candidate.Length / 3);
            if (Math.Abs(candidate.Length - name.Length) > Math.Min(limit, bestDistance - 1))
            {
                continue;
            }

            var distance = EditDistance.Between(lower, candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }
}
