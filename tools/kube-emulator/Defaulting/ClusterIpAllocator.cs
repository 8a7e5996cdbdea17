namespace KubeEmulator.Defaulting;

/// <summary>Hands out Service cluster IPs from 10.96.0.0/12, skipping 10.96.0.1 (the kubernetes Service).</summary>
internal sealed class ClusterIpAllocator
{
    private int _next = 10;

    public string Next()
    {
        var offset = Interlocked.Increment(ref _next);
        return $"10.{96 + (offset >> 16 & 0x0f)}.{offset >> 8 & 0xff}.{offset & 0xff}";
    }
}
