using System.Security.Cryptography;
using System.Text;

namespace Tandem.Storage;

/// <summary>The one digest the stores keep instead of a value: the lowercase hex SHA-256 of its UTF-8 text (API keys,
/// job requests, a live run's scenario and options).</summary>
public static class Digest
{
    /// <summary>Hex SHA-256 of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
