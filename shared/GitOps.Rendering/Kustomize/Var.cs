namespace GitOps.Rendering.Kustomize;

/// <summary>
/// A <c>vars</c> entry: <c>$(Name)</c> takes the value at <paramref name="FieldPath"/> of the object
/// <paramref name="ObjRef"/> names (matched by group, version, kind and name, and by namespace when given).
/// </summary>
internal sealed record Var(string Name, VarObjRef ObjRef, string FieldPath, string File, int? Line)
{
    public override string ToString() => $"{Name} ({ObjRef}, fieldpath {FieldPath}; {File}{(Line is { } l ? $":{l}" : string.Empty)})";
}

/// <summary>A var's <c>objref</c>; <c>apiVersion</c> already split into group and version, as Kustomize does.</summary>
internal sealed record VarObjRef(string Group, string Version, string Kind, string Name, string Namespace)
{
    /// <summary>Kustomize's match of a var's target: GVK and name equal, and the namespace when the objref has one.</summary>
    public bool Matches(ResId id)
    {
        if (id.Group != Group || id.Version != Version || id.Kind != Kind || id.Name != Name)
        {
            return false;
        }

        if (Namespace.Length == 0)
        {
            return true;
        }

        return !id.IsClusterScoped && (id.Namespace.Length == 0 ? "default" : id.Namespace) == Namespace;
    }

    public override string ToString()
    {
        var gv = Group.Length == 0 ? Version : $"{Group}/{Version}";
        var ns = Namespace.Length == 0 ? string.Empty : $"{Namespace}/";
        return $"{Kind}{(gv.Length == 0 ? string.Empty : $".{gv}")} {ns}{Name}";
    }
}
