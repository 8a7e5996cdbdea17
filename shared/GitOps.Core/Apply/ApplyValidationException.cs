namespace GitOps.Core.Apply;

/// <summary>
/// The rendered set cannot be applied as it is (an unknown kind, a missing name, a server-side
/// validation error found by the dry run). Nothing was applied. Retrying the same revision cannot help.
/// </summary>
public sealed class ApplyValidationException : Exception
{
    public ApplyValidationException(IReadOnlyList<string> problems, Exception? inner = null)
        : base(string.Join(Environment.NewLine, problems), inner)
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
