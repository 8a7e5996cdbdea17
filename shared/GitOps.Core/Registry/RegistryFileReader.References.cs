using YamlDotNet.RepresentationModel;

namespace GitOps.Core.Registry;

/// <summary>Names defined in the file and names apps refer to, checked once the whole file is read.</summary>
internal sealed partial class RegistryFileReader
{
    private void CheckReferences(EntryNames names)
    {
        foreach (var reference in names.References)
        {
            // An entry of that kind without a valid name already has its error: do not pile on.
            if (names.IsDefined(reference.Kind, reference.Name) || names.HasUnnamed(reference.Kind))
            {
                continue;
            }

            var known = names.Defined(reference.Kind);
            var plural = reference.Kind.Label() + "s";
            var hint = known.Count == 0 ? $"the file defines no {plural}" : $"defined {plural}: {string.Join(", ", known)}";
            Error(reference.Node, reference.Path, $"unknown {reference.Kind.Label()} '{reference.Name}' ({hint})");
        }
    }

    /// <summary>Per kind, each defined name with the node that defined it; and every reference made by an app.</summary>
    private sealed class EntryNames
    {
        private readonly Dictionary<(EntryKind Kind, string Name), YamlNode> _defined = [];
        private readonly HashSet<EntryKind> _unnamed = [];

        public List<(EntryKind Kind, string Name, YamlNode Node, string Path)> References { get; } = [];

        /// <returns>False when the name is already defined; <paramref name="first"/> is then the first definition.</returns>
        public bool Define(EntryKind kind, string name, YamlNode node, out YamlNode first)
        {
            if (_defined.TryGetValue((kind, name), out var existing))
            {
                first = existing;
                return false;
            }

            _defined[(kind, name)] = node;
            first = node;
            return true;
        }

        /// <summary>Records that an entry of <paramref name="kind"/> has a missing or invalid name.</summary>
        public void Unnamed(EntryKind kind) => _unnamed.Add(kind);

        public bool HasUnnamed(EntryKind kind) => _unnamed.Contains(kind);

        public bool IsDefined(EntryKind kind, string name) => _defined.ContainsKey((kind, name));

        public List<string> Defined(EntryKind kind) =>
            _defined.Keys.Where(k => k.Kind == kind).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();

        public void Refer(EntryKind kind, string name, YamlNode node, string path) => References.Add((kind, name, node, path));
    }
}
