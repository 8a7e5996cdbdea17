namespace GitOps.Core.Planning;

/// <summary>What one look at a source did.</summary>
/// <param name="Source">The source.</param>
/// <param name="Head">The branch head read from git; null when it could not be read.</param>
/// <param name="JobsEnqueued">Reconcile jobs sent.</param>
/// <param name="Error">Why the source could not be read (also an open SourceUnreachable alert); null when it could.</param>
public sealed record SourceCheck(string Source, string? Head, int JobsEnqueued, string? Error = null);
