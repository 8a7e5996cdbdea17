namespace GitOps.Rendering.Patches;

/// <summary>Internal signal of one failed JSON patch operation; <see cref="JsonPatch6902"/> wraps it with the operation's index, op and path.</summary>
internal sealed class PatchOperationFailure : Exception
{
    public PatchOperationFailure(string message)
        : base(message)
    {
    }
}
