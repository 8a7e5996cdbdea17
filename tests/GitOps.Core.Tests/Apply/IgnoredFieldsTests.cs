using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Drift;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Tests.Apply;

public sealed class IgnoredFieldsTests
{
    private static readonly JsonArray ManagedFields = JsonNode.Parse("""
        [
          {"manager":"gitops-functions","operation":"Apply","fieldsV1":{"f:metadata":{"f:annotations":{"f:mine":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:name":{},"f:image":{}}}}}}}},
          {"manager":"hpa-controller","operation":"Update","fieldsV1":{"f:spec":{"f:replicas":{}}}},
          {"manager":"kubectl-edit","operation":"Update","fieldsV1":{"f:metadata":{"f:annotations":{"f:theirs":{}}}}}
        ]
        """)!.AsArray();

    [Fact]
    public void Omit_FieldOwnedByAnIgnoredManager_IsLeftOut()
    {
        var omitted = IgnoredFields.Omit(Desired(), new DriftRules([], ["hpa-controller"]), Live());

        Assert.Null(omitted.Body["spec"]!["replicas"]);
        Assert.Equal("nginx:1.27", (string?)omitted.Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.NotEqual(Desired().Hash, omitted.Hash);
    }

    [Fact]
    public void Omit_IgnoredPointer_LeftOutOnlyWhereAnotherManagerOwnsIt()
    {
        var omitted = IgnoredFields.Omit(Desired(), new DriftRules(["/metadata/annotations/mine", "/metadata/annotations/theirs"], []), Live());

        var annotations = omitted.Body["metadata"]!["annotations"]!.AsObject();
        Assert.True(annotations.ContainsKey("mine"));
        Assert.False(annotations.ContainsKey("theirs"));
    }

    [Fact]
    public void Omit_NoRulesOrNoLiveObject_ReturnsTheObjectItself()
    {
        var desired = Desired();

        Assert.Same(desired, IgnoredFields.Omit(desired, DriftRules.None, Live()));
        Assert.Same(desired, IgnoredFields.Omit(desired, new DriftRules([], ["hpa-controller"]), null));
    }

    private static DesiredObject Desired()
    {
        var body = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"shop","annotations":{"mine":"a","theirs":"b"}},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
            """)!.AsObject();
        return new DesiredObject(new ObjectRef("apps", "Deployment", "shop", "web"), new ResourceInfo("apps", "v1", "Deployment", "deployments", true), body, "web.yaml");
    }

    private static LiveObject Live() => new(new ObjectRef("apps", "Deployment", "shop", "web"), "1", "app", false) { ManagedFields = ManagedFields };
}
