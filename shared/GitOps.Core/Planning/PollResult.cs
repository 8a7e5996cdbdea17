namespace GitOps.Core.Planning;

/// <summary>What one poll did.</summary>
/// <param name="SourcesChecked">Sources whose head was read.</param>
/// <param name="JobsEnqueued">Reconcile jobs sent.</param>
/// <param name="Errors">One line per source that could not be read (the poll went on with the others).</param>
public sealed record PollResult(int SourcesChecked, int JobsEnqueued, IReadOnlyList<string> Errors);
