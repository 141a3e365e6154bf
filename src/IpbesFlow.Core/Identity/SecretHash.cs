using System.Security.Cryptography;
using System.Text;

namespace IpbesFlow.Identity;

/// <summary>Secrets handed to people (API tokens, sign-in links) are 256 random bits, shown once and stored only as
/// their SHA-256. At that entropy a fast hash is the right one: nothing can be guessed, and lookup stays an index seek.</summary>
public static class SecretHash
{
    public static string NewSecret(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
