namespace DetectionKit.Scripting;

/// <summary>IAM-style wildcard matching: <c>*</c> is any run of characters, <c>?</c> any one; case is ignored.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        // Greedy with backtracking to the last '*': linear for the short patterns policies hold.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
