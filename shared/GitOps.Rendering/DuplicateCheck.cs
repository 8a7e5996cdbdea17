namespace GitOps.Rendering;

/// <summary>Rejects two objects with the same group, kind, namespace and name.</summary>
internal static class DuplicateCheck
{
    public static void ThrowOnDuplicates(IReadOnlyList<RenderedObject> objects)
    {
        var seen = new Dictionary<string, RenderedObject>(objects.Count, StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            var key = ObjectIdentity.KeyOf(obj.Body);
            if (seen.TryGetValue(key, out var first))
            {
                throw RenderException.ForObject(obj.Id, null, $"defined twice, in {first.SourceFile} and in {obj.SourceFile}");
            }

            seen.Add(key, obj);
        }
    }
}
