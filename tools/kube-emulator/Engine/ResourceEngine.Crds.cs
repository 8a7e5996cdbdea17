using System.Text.Json.Nodes;
using KubeEmulator.Serialization;

namespace KubeEmulator.Engine;

/// <content>
/// CRDs that establish late: until the catalog's delay has passed a CRD reports
/// <c>Established=False</c> (reason Installing, as the naming controller leaves it) and its kinds are
/// not served; afterwards the stored status turns <c>True</c> (a new resourceVersion and a MODIFIED event).
/// </content>
internal sealed partial class ResourceEngine
{
    /// <summary>Everything that follows the clock: delayed rollouts and CRDs whose establish delay has passed. Call under the store lock.</summary>
    private void RefreshClock()
    {
        RefreshDueRollouts();
        RefreshEstablishedCrds();
    }

    private void RefreshEstablishedCrds()
    {
        foreach (var name in catalog.TakeNewlyEstablished())
        {
            var resource = catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
            var crd = store.Get(resource, "", name);
            if (crd is not null)
            {
                SetEstablished(crd, established: true);
                Store(resource, "", name, crd);
            }
        }
    }

    /// <summary>Sets the CRD's Established condition, keeping its other conditions.</summary>
    private static void SetEstablished(JsonObject crd, bool established)
    {
        var status = JsonTree.EnsureObject(crd, "status");
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }

        var condition = established
            ? new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }
            : new JsonObject { ["type"] = "Established", ["status"] = "False", ["reason"] = "Installing", ["message"] = "the initial names have been accepted" };
        var index = conditions.Select((c, i) => (c, i)).FirstOrDefault(p => p.c?["type"]?.GetValue<string>() == "Established", (null, -1)).i;
        if (index < 0)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[index] = condition;
        }
    }
}
