using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Planning;

/// <summary>The repository paths an app's last render read, and where: what path-aware planning compares a commit's changes with.</summary>
/// <param name="App">The app.</param>
/// <param name="AppPath">The app's path when it rendered: a registry change of path makes the inputs unknown.</param>
/// <param name="Revision">The revision that rendered.</param>
/// <param name="Paths">Files read or probed, and directories listed (ending in '/', standing for everything below).</param>
public sealed record RenderInputs(string App, string AppPath, string Revision, IReadOnlyList<string> Paths);

/// <summary>
/// Table <c>renderinputs</c>: one row per app (PartitionKey = its source, RowKey = the app), the
/// inputs of its latest render. One partition query gives the planner every app of a source. The
/// inputs of a render at a revision are what the render of any later revision reads, until a
/// change to one of them (a kustomization file naming another) changes the set: and that change
/// plans the job that records the new set.
/// </summary>
public sealed class RenderInputStore
{
    // A binary column holds 64 KiB; an app whose inputs do not fit is stored without them and planned on every commit.
    private const int MaxZippedBytes = 60 * 1024;

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<(string Source, string App), string> _written = new();

    public RenderInputStore(StorageAccount storage) => _table = storage.Table(StorageNames.RenderInputsTable);

    /// <summary>Records the inputs of a render; writes only when they differ from what this instance wrote last.</summary>
    public async Task RecordAsync(string source, RenderInputs inputs, CancellationToken cancellationToken)
    {
        var text = inputs.AppPath + "\n" + string.Join('\n', inputs.Paths);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (_written.TryGetValue((source, inputs.App), out var last) && last == hash)
        {
            return;
        }

        var zipped = GzipText.Zip(string.Join('\n', inputs.Paths));
        var entity = new TableEntity(source, inputs.App)
        {
            ["AppPath"] = inputs.AppPath,
            ["Revision"] = inputs.Revision,
            ["Count"] = inputs.Paths.Count,
        };
        if (zipped.Length <= MaxZippedBytes)
        {
            entity["InputsGz"] = zipped;
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _written[(source, inputs.App)] = hash;
    }

    /// <summary>The recorded inputs of every app of <paramref name="source"/>, by app; apps recorded without inputs are absent.</summary>
    public async Task<IReadOnlyDictionary<string, RenderInputs>> ListAsync(string source, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, RenderInputs>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(r => r.PartitionKey == source, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetBinary("InputsGz") is { } zipped)
            {
                var paths = GzipText.Unzip(zipped).Split('\n');
                result[e.RowKey] = new RenderInputs(e.RowKey, e.GetString("AppPath") ?? string.Empty, e.GetString("Revision") ?? string.Empty,
                    paths.Length == 1 && paths[0].Length == 0 && (e.GetInt32("Count") ?? 0) == 0 ? [] : paths);
            }
        }

        return result;
    }
}
