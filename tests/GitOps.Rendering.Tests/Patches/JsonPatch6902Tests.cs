using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

public sealed class JsonPatch6902Tests
{
    private const string Doc = "{'metadata':{'name':'web','labels':{'app':'web'}},'spec':{'replicas':1,'containers':[{'name':'a','env':[{'name':'A'}]},{'name':'b'}]}}";

    [Fact]
    public void Apply_AddAppendToEnv_AppendsElement()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'add','path':'/spec/containers/0/env/-','value':{'name':'X','value':'1'}}]"));

        Equal("[{'name':'A'},{'name':'X','value':'1'}]", result["spec"]!["containers"]![0]!["env"]);
    }

    [Fact]
    public void Apply_AddAtIndex_Inserts()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'add','path':'/spec/containers/1','value':{'name':'mid'}}]"));

        Assert.Equal(["a", "mid", "b"], Names(result["spec"]!["containers"]));
    }

    [Fact]
    public void Apply_AddEscapedKey_UnescapesTildeOneAndZero()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'add','path':'/metadata/labels/a~1b~0c','value':'x'}]"));

        Equal("'x'", result["metadata"]!["labels"]!["a/b~c"]);
    }

    [Fact]
    public void Apply_AddExistingKey_Replaces()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'add','path':'/spec/replicas','value':3}]"));

        Equal("3", result["spec"]!["replicas"]);
    }

    [Fact]
    public void Apply_Remove_RemovesKeyAndElement()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'remove','path':'/metadata/labels'},{'op':'remove','path':'/spec/containers/0'}]"));

        Equal("{'name':'web'}", result["metadata"]);
        Assert.Equal(["b"], Names(result["spec"]!["containers"]));
    }

    [Fact]
    public void Apply_ReplaceMissingObjectKey_AddsItAsKustomizeDoes()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'replace','path':'/spec/paused','value':true}]"));

        Equal("true", result["spec"]!["paused"]);
    }

    [Fact]
    public void Apply_ReplaceName_RenamesObject()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'replace','path':'/metadata/name','value':'web2'}]"));

        Equal("'web2'", result["metadata"]!["name"]);
    }

    [Fact]
    public void Apply_MoveContainer_ReordersList()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'move','from':'/spec/containers/1','path':'/spec/containers/0'}]"));

        Assert.Equal(["b", "a"], Names(result["spec"]!["containers"]));
    }

    [Fact]
    public void Apply_Copy_DuplicatesValueIndependently()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'copy','from':'/metadata/labels','path':'/metadata/annotations'},{'op':'add','path':'/metadata/annotations/x','value':'y'}]"));

        Equal("{'app':'web','x':'y'}", result["metadata"]!["annotations"]);
        Equal("{'app':'web'}", result["metadata"]!["labels"]);
    }

    [Fact]
    public void Apply_TestEqualValue_Passes()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'test','path':'/spec/replicas','value':1},{'op':'test','path':'/metadata/labels','value':{'app':'web'}}]"));

        Equal(Doc, result);
    }

    [Fact]
    public void Apply_TestDifferentValue_ThrowsNamingIndexOpAndPath()
    {
        var ex = Assert.Throws<JsonPatchException>(() =>
            JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'add','path':'/a','value':1},{'op':'test','path':'/spec/replicas','value':2}]")));

        Assert.Equal(1, ex.OperationIndex);
        Assert.Equal("test", ex.Operation);
        Assert.Equal("/spec/replicas", ex.Path);
        Assert.Contains("operation 1 (test /spec/replicas)", ex.Message);
    }

    [Fact]
    public void Apply_TestStringAgainstNumber_Fails()
    {
        Assert.Throws<JsonPatchException>(() => JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'test','path':'/spec/replicas','value':'1'}]")));
    }

    [Fact]
    public void Apply_Failure_LeavesTargetUnchanged()
    {
        var target = Obj(Doc);

        Assert.Throws<JsonPatchException>(() => JsonPatch6902.Apply(target, Arr("[{'op':'remove','path':'/spec/replicas'},{'op':'remove','path':'/nothere'}]")));

        Equal(Doc, target);
    }

    [Theory]
    [InlineData("[{'op':'remove','path':'/spec/nothere'}]", "the path does not exist")]
    [InlineData("[{'op':'add','path':'/spec/a/b','value':1}]", "parent does not exist")]
    [InlineData("[{'op':'add','path':'/spec/containers/5','value':1}]", "not an index")]
    [InlineData("[{'op':'replace','path':'/spec/containers/2','value':1}]", "the path does not exist")]
    [InlineData("[{'op':'remove','path':'/spec/containers/-'}]", "the path does not exist")]
    [InlineData("[{'op':'move','from':'/spec/nothere','path':'/x'}]", "the path does not exist")]
    [InlineData("[{'op':'move','from':'/spec','path':'/spec/x'}]", "own child")]
    [InlineData("[{'op':'bogus','path':'/spec'}]", "unknown op 'bogus'")]
    [InlineData("[{'op':'add','value':1}]", "no 'path'")]
    [InlineData("[{'op':'add','path':'spec/x','value':1}]", "start with '/'")]
    [InlineData("[{'op':'copy','path':'/x'}]", "no 'from'")]
    public void Apply_InvalidOperation_ThrowsJsonPatchException(string operations, string fragment)
    {
        var ex = Assert.Throws<JsonPatchException>(() => JsonPatch6902.Apply(Obj(Doc), Arr(operations)));

        Assert.Contains(fragment, ex.Message);
        Assert.Contains("operation 0", ex.Message);
    }

    [Fact]
    public void Apply_TestMissingPathAgainstNull_PassesAsKustomizeDoes()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'test','path':'/spec/nothere','value':null}]"));

        Equal(Doc, result);
    }

    [Fact]
    public void Apply_CopyFromMissingPath_CopiesNullAsKustomizeDoes()
    {
        var result = JsonPatch6902.Apply(Obj(Doc), Arr("[{'op':'copy','from':'/spec/nothere','path':'/spec/zz'}]"));

        Assert.True(result["spec"]!.AsObject().ContainsKey("zz"));
        Assert.Null(result["spec"]!["zz"]);
    }
}
