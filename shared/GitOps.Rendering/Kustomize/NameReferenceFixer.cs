namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Fixes references after renames (prefix, suffix, hash, namespace), once at the end of the build,
/// choosing the referral as kustomize does: a resource whose previous name is the referenced name,
/// of the referenced kind, reachable from the referrer's namespace, and — when several remain —
/// with the same prefixes and suffixes as the referrer. Resources are indexed by previous name, so
/// each lookup only sees the few resources that once had that name.
/// </summary>
internal sealed class NameReferenceFixer
{
    private readonly Dictionary<string, List<KResource>> _byPreviousName = new(StringComparer.Ordinal);

    private NameReferenceFixer(IReadOnlyList<KResource> resources)
    {
        foreach (var r in resources)
        {
            foreach (var name in r.PreviousIds.Select(id => id.Name).Distinct(StringComparer.Ordinal))
            {
                if (!_byPreviousName.TryGetValue(name, out var list))
                {
                    list = [];
                    _byPreviousName[name] = list;
                }

                list.Add(r);
            }
        }
    }

    /// <param name="references">The name-reference table of a <c>configurations</c>-merged config; null: Kustomize's defaults.</param>
    public static void Fix(IReadOnlyList<KResource> resources, string kustomizationFile, IReadOnlyList<NameReference>? references = null)
    {
        var fixer = new NameReferenceFixer(resources);
        if (fixer._byPreviousName.Count == 0)
        {
            return;
        }

        // An array, so the loop over it allocates no enumerator per referrer.
        var table = references as NameReference[] ?? references?.ToArray() ?? NameReferenceSpecs.All;
        foreach (var referrer in resources)
        {
            var id = referrer.CurrentId;
            foreach (var reference in table)
            {
                foreach (var spec in reference.Referrers)
                {
                    if (spec.Selects(id))
                    {
                        new NameReferenceVisit(fixer, referrer, reference, spec, kustomizationFile).Run();
                    }
                }
            }
        }
    }

    internal IReadOnlyList<KResource> Named(string name) => _byPreviousName.TryGetValue(name, out var l) ? l : [];
}
