namespace GitOps.Rendering;

/// <summary>Limits that keep a hostile or broken repository from exhausting the renderer.</summary>
public sealed class RenderOptions
{
    /// <summary>Default for <see cref="MaxDocumentBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxDocumentBytes = 4L * 1024 * 1024;

    /// <summary>Default for <see cref="MaxAliasExpansions"/>: 10,000 nodes.</summary>
    public const int DefaultMaxAliasExpansions = 10_000;

    /// <summary>Default for <see cref="MaxFileBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxFileBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The largest YAML document (one <c>---</c> section) accepted, in UTF-8 bytes. Default 4 MiB.
    /// </summary>
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>
    /// The most nodes one file may materialise through YAML aliases (<c>*anchor</c>) before it is
    /// rejected as an alias bomb. Default 10,000.
    /// </summary>
    public int MaxAliasExpansions { get; set; } = DefaultMaxAliasExpansions;

    /// <summary>The largest file read from the source tree, in bytes. Default 16 MiB.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        if (MaxDocumentBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), MaxDocumentBytes, "must be positive");
        }

        if (MaxAliasExpansions < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAliasExpansions), MaxAliasExpansions, "must not be negative");
        }

        if (MaxFileBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "must be positive");
        }
    }
}
