namespace KubeEmulator.Engine;

/// <summary>The PATCH content types the API server accepts.</summary>
internal enum PatchKind
{
    Merge,
    Strategic,
    Json,
    Apply,
}
