namespace KubeEmulator;

/// <summary>One request the emulator answered, as the request log and counters see it.</summary>
/// <param name="Verb">The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection; "discovery" for discovery documents.</param>
/// <param name="Group">The API group ("" for core).</param>
/// <param name="Resource">The resource plural (with "/status" for the subresource), or the discovery path.</param>
/// <param name="Namespace">The namespace, or null.</param>
/// <param name="Name">The object name, or null.</param>
/// <param name="PatchType">For patches: apply, merge, strategic or json; otherwise null.</param>
/// <param name="FieldManager">The fieldManager query parameter, or null.</param>
/// <param name="DryRun">Whether dryRun=All was set.</param>
/// <param name="StatusCode">The HTTP status answered; 499 when the client went away first.</param>
public sealed record RecordedRequest(
    string Verb,
    string Group,
    string Resource,
    string? Namespace,
    string? Name,
    string? PatchType,
    string? FieldManager,
    bool DryRun,
    int StatusCode);
