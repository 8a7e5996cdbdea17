namespace GitOps.Rendering.Kustomize;

/// <summary>One kind of referral target and the fields (in referrers) that name it.</summary>
internal sealed record NameReference(string Kind, string? Group, string? Version, FieldSpec[] Referrers);
