using System.Text.Json.Nodes;
using KubeEmulator.Control;
using KubeEmulator.Engine;
using KubeEmulator.Http;
using KubeEmulator.Rollout;
using KubeEmulator.Selectors;

namespace KubeEmulator;

/// <summary>
/// The emulator's test and demo controls (also served under <c>/_emulator/</c>): fault injection,
/// simulated rollout behaviour, request counters, and edits to live objects behind a client's back.
/// Thread-safe.
/// </summary>
public sealed class EmulatorControl
{
    private readonly FaultInjector _faults;
    private readonly RequestLog _requests;
    private readonly RolloutSimulator _rollouts;
    private readonly ResourceEngine _engine;

    internal EmulatorControl(FaultInjector faults, RequestLog requests, RolloutSimulator rollouts, ResourceEngine engine)
    {
        _faults = faults;
        _requests = requests;
        _rollouts = rollouts;
        _engine = engine;
    }

    /// <summary>Arms a fault: the next <see cref="FaultRule.Count"/> matching requests fail.</summary>
    public void InjectFault(FaultRule rule) => _faults.Add(rule);

    /// <summary>The armed faults, with their remaining counts.</summary>
    public IReadOnlyList<FaultRule> ActiveFaults => _faults.Active();

    public void ClearFaults() => _faults.Clear();

    /// <summary>The rollout behaviour of deployments without their own setting; applies to later writes.</summary>
    public RolloutMode DefaultRollout
    {
        get => _rollouts.DefaultMode;
        set => _rollouts.DefaultMode = value;
    }

    /// <summary>Sets how one deployment's rollout behaves; an existing deployment's status is re-evaluated at once.</summary>
    public void SetRollout(string @namespace, string name, RolloutMode mode)
    {
        _rollouts.SetMode(@namespace, name, mode);
        _engine.ReevaluateRollout(@namespace, name);
    }

    /// <summary>
    /// Makes CustomResourceDefinitions created from now on establish <paramref name="delay"/> later on the
    /// injected clock (zero: at once), overriding <see cref="EmulatorOptions.CrdEstablishDelay"/>.
    /// </summary>
    public void EstablishCrdsAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _engine.Catalog.EstablishDelay = delay;
    }

    /// <summary>The most recent requests, oldest first (bounded by <see cref="EmulatorOptions.MaxRecordedRequests"/>).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.Snapshot();

    /// <summary>Request counts keyed "verb resource", e.g. "patch deployments", "list configmaps", "discovery /apis".</summary>
    public IReadOnlyDictionary<string, int> RequestCounts => _requests.Counts();

    /// <summary>Counts recorded requests matching every given filter (null matches anything).</summary>
    public int CountRequests(string? verb = null, string? resource = null, string? @namespace = null, string? name = null) =>
        _requests.Snapshot().Count(r =>
            (verb is null || r.Verb == verb || (verb == "apply" && r.PatchType == "apply"))
            && (resource is null || r.Resource == resource)
            && (@namespace is null || r.Namespace == @namespace)
            && (name is null || r.Name == name));

    public void ResetRequests() => _requests.Reset();

    /// <summary>The live object as JSON, or null when it does not exist.</summary>
    public string? GetObject(string apiVersion, string kind, string? @namespace, string name)
    {
        var resource = Resolve(apiVersion, kind);
        try
        {
            return _engine.Get(resource, @namespace ?? "", name).ToJsonString();
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Changes a live object with a JSON merge patch, as <c>kubectl edit</c> would (an Update by
    /// <paramref name="fieldManager"/>), to create drift. Returns the new object as JSON.
    /// </summary>
    public string PatchObject(string apiVersion, string kind, string? @namespace, string name, string mergePatchJson, string fieldManager = "kubectl-edit")
    {
        var resource = Resolve(apiVersion, kind);
        var result = _engine.Patch(resource, @namespace ?? "", name, PatchKind.Merge, JsonNode.Parse(mergePatchJson), new WriteContext(fieldManager));
        return result.ToJsonString();
    }

    /// <summary>Deletes a live object behind a client's back; false when it did not exist.</summary>
    public bool DeleteObject(string apiVersion, string kind, string? @namespace, string name)
    {
        var resource = Resolve(apiVersion, kind);
        try
        {
            _engine.Delete(resource, @namespace ?? "", name, null, dryRun: false);
            return true;
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Names of the objects of a kind in a namespace (all namespaces when null).</summary>
    public IReadOnlyList<string> ListObjectNames(string apiVersion, string kind, string? @namespace = null)
    {
        var list = _engine.List(Resolve(apiVersion, kind), @namespace, LabelSelector.Everything, FieldSelector.Parse(null));
        return [.. (list["items"] as JsonArray ?? []).Select(i => i?["metadata"]?["name"]?.GetValue<string>() ?? "")];
    }

    private Api.ApiResource Resolve(string apiVersion, string kind) =>
        _engine.Catalog.FindByKind(apiVersion, kind)
        ?? throw new ArgumentException($"{kind} ({apiVersion}) is not served by the emulator", nameof(kind));
}
