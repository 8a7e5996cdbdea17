namespace GitOps.Rendering.Patches;

/// <summary>The operators of Kubernetes label selectors.</summary>
internal enum LabelOperator
{
    Exists,
    DoesNotExist,
    Equals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
}
