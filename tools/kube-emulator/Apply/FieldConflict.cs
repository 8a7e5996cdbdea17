namespace KubeEmulator.Apply;

/// <summary>A field the applier sets to a value another manager owns with a different value.</summary>
internal sealed record FieldConflict(ManagedFieldsEntry Owner, FieldPath Path);
