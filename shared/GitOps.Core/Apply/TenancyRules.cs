using GitOps.Core.Registry;

namespace GitOps.Core.Apply;

/// <summary>Where an app may write: its allowed namespaces and the kinds it may create at cluster scope.</summary>
public static class TenancyRules
{
    /// <summary>Why <paramref name="obj"/> is outside what <paramref name="app"/> may write (without the object, which the caller names), or null.</summary>
    public static string? Check(AppDefinition app, DesiredObject obj)
    {
        var allowed = app.EffectiveAllowedNamespaces;
        if (obj.Resource.Namespaced)
        {
            return allowed is null || allowed.Contains(obj.Ref.Namespace ?? string.Empty, StringComparer.Ordinal)
                ? null
                : $"namespace '{obj.Ref.Namespace}' is not one app '{app.Name}' may write to (allowedNamespaces: {string.Join(", ", allowed)}).";
        }

        if (app.ClusterScopedKinds is { } kinds && !kinds.Contains(obj.Ref.Kind, StringComparer.Ordinal))
        {
            return $"app '{app.Name}' may not create {obj.Ref.Kind} at cluster scope (clusterScopedKinds: {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}).";
        }

        // A Namespace object is the namespace itself: the app may create only those it may write to.
        if (obj.Ref.Kind == "Namespace" && obj.Ref.Group.Length == 0 && allowed is not null && !allowed.Contains(obj.Ref.Name, StringComparer.Ordinal))
        {
            return $"namespace '{obj.Ref.Name}' is not one app '{app.Name}' may write to (allowedNamespaces: {string.Join(", ", allowed)}).";
        }

        return null;
    }
}
