namespace GitOps.Rendering.Kustomize;

/// <summary>
/// A field path kustomize transforms in resources of a given group/version/kind (empty parts match
/// any): <c>spec/template/metadata/labels</c>. <c>[]</c> marks a list; lists met on the way are
/// walked element by element. <paramref name="Create"/> creates missing maps on the way.
/// </summary>
internal sealed record FieldSpec(string Path, bool Create = false, string? Kind = null, string? Group = null, string? Version = null)
{
    public string[] Segments { get; } = Split(Path);

    public bool Selects(ResId id) => id.GvkSelectedBy(Group, Version, Kind);

    private static string[] Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '/')
            {
                current.Append('/');
                i++;
            }
            else if (path[i] == '/')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return [.. parts];
    }
}
