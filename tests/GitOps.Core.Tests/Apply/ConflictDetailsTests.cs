using System.Text.Json.Nodes;
using GitOps.Core.Apply;

namespace GitOps.Core.Tests.Apply;

public sealed class ConflictDetailsTests
{
    [Fact]
    public void Describe_FieldManagerConflicts_GroupsFieldsByManager()
    {
        var status = JsonNode.Parse("""
            {"kind":"Status","reason":"Conflict","code":409,"details":{"causes":[
              {"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\" using apps/v1","field":".spec.replicas"},
              {"reason":"FieldManagerConflict","message":"conflict with \"hpa-controller\" using apps/v1","field":".spec.replicas"},
              {"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\" using apps/v1","field":".metadata.labels.tier"}]}}
            """)!.AsObject();

        Assert.Equal("conflict with \"hpa-controller\": .spec.replicas; conflict with \"kubectl-edit\": .spec.replicas, .metadata.labels.tier", ConflictDetails.Describe(status));
    }

    [Fact]
    public void Describe_ConflictWithoutFieldCauses_IsNull()
        => Assert.Null(ConflictDetails.Describe(JsonNode.Parse("""{"kind":"Status","reason":"Conflict","code":409}""")!.AsObject()));
}
