using System.Text.Json.Nodes;
using GitOps.Core.Reconcile;

namespace GitOps.Core.Tests.Reconcile;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Mask_SecretWithDataAndStringData_HashesEveryValueByItsDecodedBytes()
    {
        var secret = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"password\":\"hunter2\"}}"}},
             "data":{"user":"YWRtaW4="},"stringData":{"password":"hunter2"}}
            """)!.AsObject();
        var live = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"user":"YWRtaW4=","password":"aHVudGVyMg=="}}""")!.AsObject();

        var masked = SecretMasker.Mask(secret);
        var maskedLive = SecretMasker.Mask(live);

        var text = masked.ToJsonString();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("YWRtaW4=", text, StringComparison.Ordinal);
        Assert.Null(masked["stringData"]);
        Assert.StartsWith(SecretMasker.Prefix, (string?)masked["data"]!["password"], StringComparison.Ordinal);

        // stringData in Git and base64 data on the server hash alike, so they compare equal.
        Assert.Equal((string?)masked["data"]!["password"], (string?)maskedLive["data"]!["password"]);
        Assert.Equal((string?)masked["data"]!["user"], (string?)maskedLive["data"]!["user"]);
        Assert.True(secret.ContainsKey("stringData"), "the input is not modified");
    }

    [Fact]
    public void Mask_NotASecret_ReturnsTheSameObject()
    {
        var config = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}}""")!.AsObject();

        Assert.Same(config, SecretMasker.Mask(config));
    }
}
