using System.IO.Compression;
using System.Text;

namespace GitOps.Core.Storage;

/// <summary>Text kept gzipped in a binary table column (64 KiB), where a string column (32 K characters) would not hold it.</summary>
public static class GzipText
{
    public static byte[] Zip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static string Unzip(byte[] zipped)
    {
        using var gzip = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
