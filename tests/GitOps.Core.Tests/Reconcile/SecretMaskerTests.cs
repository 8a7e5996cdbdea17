using System.Text.Json.Nodes;
using GitOps.Core.Reconcile;

namespace GitOps.Core.Tests.Reconcile;

public sealed class SecretMaskerTests
{
    private static readonly SecretMasker Masker = new(new byte[32]);

    [Fact]
    public void Mask_SecretWithDataAndStringData_HashesEveryValueByItsDecodedBytes()
    {
        var secret = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"password\":\"hunter2\"}}"}},
             "data":{"user":"YWRtaW4="},"stringData":{"password":"hunter2"}}
            """)!.AsObject();
        var live = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"user":"YWRtaW4=","password":"aHVudGVyMg=="}}""")!.AsObject();

        var masked = Masker.Mask(secret);
        var maskedLive = Masker.Mask(live);

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
    public void Mask_IsKeyed_AnotherKeyOrAPlainHashGivesAnotherValue()
    {
        var secret = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"hunter2"}}""")!.AsObject();

        var one = (string?)Masker.Mask(secret)["data"]!["password"];
        var other = (string?)new SecretMasker(Enumerable.Repeat((byte)7, 32).ToArray()).Mask(secret)["data"]!["password"];

        Assert.NotEqual(one, other);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hunter2"u8)), one, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void Key_MissingOrShort_NamesTheSettingNotTheValue(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SecretOptions { HashKey = value }.Key());

        Assert.Contains(SecretOptions.Setting, error.Message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(value))
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mask_NotASecret_ReturnsTheSameObject()
    {
        var config = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}}""")!.AsObject();

        Assert.Same(config, Masker.Mask(config));
    }
}
