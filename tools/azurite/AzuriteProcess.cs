using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GitOps.Azurite;

/// <summary>
/// Azurite (the npm package, a devDependency of the repository) started on free ports with a data
/// folder of its own, for the local runtime and the tests. Disposing kills the whole process tree
/// and waits for it to be gone: Azurite can linger after a single SIGTERM.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known development account key Azurite accepts (public, not a secret).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Environment variable that test fixtures honour: the connection string of an Azurite already
    /// running (a CI service), used instead of starting one.
    /// </summary>
    public const string ExternalConnectionVariable = "GITOPS_TEST_STORAGE";

    private readonly Process? _process;
    private readonly string _dataFolder;
    private readonly bool _ownsDataFolder;

    private AzuriteProcess(Process? process, string dataFolder, bool ownsDataFolder, string connectionString)
    {
        _process = process;
        _dataFolder = dataFolder;
        _ownsDataFolder = ownsDataFolder;
        ConnectionString = connectionString;
    }

    /// <summary>A connection string for the started instance (the development account's well-known key).</summary>
    public string ConnectionString { get; }

    /// <summary>The Azurite process id, or 0 when attached to an external Azurite.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>
    /// Attaches to the Azurite named by <see cref="ExternalConnectionVariable"/> when it is set
    /// (isolation then comes from per-test name prefixes), else starts one.
    /// </summary>
    public static Task<AzuriteProcess> StartOrAttachAsync(string? dataFolder = null, CancellationToken cancellationToken = default)
        => Environment.GetEnvironmentVariable(ExternalConnectionVariable) is { Length: > 0 } external
            ? Task.FromResult(new AzuriteProcess(null, string.Empty, ownsDataFolder: false, external))
            : StartAsync(dataFolder, cancellationToken: cancellationToken);

    /// <summary>Starts Azurite and waits until all three services listen.</summary>
    /// <param name="dataFolder">Where Azurite keeps its data; default: a new temporary folder, deleted on dispose.</param>
    public static async Task<AzuriteProcess> StartAsync(string? dataFolder = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var script = FindAzuriteScript()
            ?? throw new InvalidOperationException(
                "Azurite is not installed: run 'npm install' in the repository root (building the gitops tool does it for you).");
        var ownsData = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "gitops-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataFolder);

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
            "--location", dataFolder, "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start (node not found?).");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync(cts.Token)).WaitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (!ready.Task.IsCompleted)
        {
            Kill(process);
            string seen;
            lock (output)
            {
                seen = output.ToString();
            }

            throw new InvalidOperationException($"Azurite ({script}) did not report its three ports. It printed:\n{seen}");
        }

        var connection =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
        return new AzuriteProcess(process, dataFolder, ownsData, connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        Kill(_process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _process.Dispose();
        if (_ownsDataFolder)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Looks for node_modules/azurite above the current directory, above this assembly, and in the checkout it was built from.</summary>
    private static string? FindAzuriteScript()
    {
        var built = typeof(AzuriteProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "GitOpsRepositoryRoot")?.Value;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, built }.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
