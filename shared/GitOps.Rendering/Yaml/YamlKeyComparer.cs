using System.Text;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Orders mapping keys as Kustomize's output does (go-yaml v3's encoder): rune by rune, letters by
/// code point, a non-letter before a letter unless it follows a digit, and runs of digits compared
/// as numbers ("a2" before "a10").
/// </summary>
internal sealed class YamlKeyComparer : IComparer<string>
{
    public static readonly YamlKeyComparer Instance = new();

    private const int StackLimit = 256;

    public int Compare(string? x, string? y)
    {
        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        Span<int> xBuffer = x.Length <= StackLimit ? stackalloc int[x.Length] : new int[x.Length];
        Span<int> yBuffer = y.Length <= StackLimit ? stackalloc int[y.Length] : new int[y.Length];
        var xr = ToRunes(x, xBuffer);
        var yr = ToRunes(y, yBuffer);
        if (Less(xr, yr))
        {
            return -1;
        }

        return Less(yr, xr) ? 1 : 0;
    }

    private static ReadOnlySpan<int> ToRunes(string s, Span<int> buffer)
    {
        var n = 0;
        foreach (var r in s.EnumerateRunes())
        {
            buffer[n++] = r.Value;
        }

        return buffer[..n];
    }

    private static bool Less(ReadOnlySpan<int> ar, ReadOnlySpan<int> br)
    {
        var digits = false;
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                digits = IsDigit(ar[i]);
                continue;
            }

            var al = IsLetter(ar[i]);
            var bl = IsLetter(br[i]);
            if (al && bl)
            {
                return ar[i] < br[i];
            }

            if (al || bl)
            {
                return digits ? al : bl;
            }

            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0')
            {
                for (var j = i - 1; j >= 0 && IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            int ai, bi;
            for (ai = i; ai < ar.Length && IsDigit(ar[ai]); ai++)
            {
                an = unchecked((an * 10) + (ar[ai] - '0'));
            }

            for (bi = i; bi < br.Length && IsDigit(br[bi]); bi++)
            {
                bn = unchecked((bn * 10) + (br[bi] - '0'));
            }

            if (an != bn)
            {
                return an < bn;
            }

            if (ai != bi)
            {
                return ai < bi;
            }

            return ar[i] < br[i];
        }

        return ar.Length < br.Length;
    }

    private static bool IsDigit(int r) => r < 0x80 ? r is >= '0' and <= '9' : Rune.IsDigit(new Rune(r));

    private static bool IsLetter(int r) => r < 0x80 ? r is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') : Rune.IsLetter(new Rune(r));
}
