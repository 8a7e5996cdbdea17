namespace KubeEmulator.Engine;

/// <summary>The query parameters every write carries.</summary>
/// <param name="FieldManager">The manager recorded in managedFields.</param>
/// <param name="DryRun">dryRun=All: validate and answer, store nothing.</param>
/// <param name="Force">force=true on apply: take ownership of conflicting fields.</param>
internal sealed record WriteContext(string FieldManager, bool DryRun = false, bool Force = false);
