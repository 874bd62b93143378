using System.Security.Cryptography;
using System.Text;

namespace Borealis.MySql;

/// <summary>
/// Stored verifiers and the scramble checks of the two plugins.
/// mysql_native_password stores SHA1(SHA1(password)) (20 bytes), as mysql.user's '*HEX' does.
/// caching_sha2_password stores a salted, iterated SHA-256 (Borealis' own format: "B2" + 4-byte
/// iteration count + 20-byte salt + 32-byte PBKDF2-SHA256), never the password. MySQL's own
/// $A$005$ crypt string is not used: only the protocol must match MySQL, not the catalog.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html
/// </summary>
public static class MySqlPasswords
{
    private const int Iterations = 5000;
    private const int SaltLength = 20;
    private static ReadOnlySpan<byte> Sha2Magic => "B2"u8;

    public static MySqlAccount NativeAccount(string user, string host, string password, bool requireSsl = false) =>
        new(user, host, AuthPlugins.NativePassword, NativeVerifier(password), requireSsl);

    public static MySqlAccount CachingSha2Account(string user, string host, string password, bool requireSsl = false) =>
        new(user, host, AuthPlugins.CachingSha2Password, CachingSha2Verifier(password), requireSsl);

    /// <summary>SHA1(SHA1(password)); empty for an empty password.</summary>
    public static byte[] NativeVerifier(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0) return [];
        return SHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
    }

    public static byte[] CachingSha2Verifier(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0) return [];
        var result = new byte[2 + 4 + SaltLength + 32];
        Sha2Magic.CopyTo(result);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(2), Iterations);
        RandomNumberGenerator.Fill(result.AsSpan(6, SaltLength));
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), result.AsSpan(6, SaltLength), result.AsSpan(6 + SaltLength), Iterations, HashAlgorithmName.SHA256);
        return result;
    }

    /// <summary>Checks a cleartext password (caching_sha2 full authentication) against a verifier.</summary>
    public static bool VerifyCachingSha2Password(ReadOnlySpan<byte> password, byte[] verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (verifier.Length == 0) return password.IsEmpty;
        if (verifier.Length != 2 + 4 + SaltLength + 32 || !verifier.AsSpan(0, 2).SequenceEqual(Sha2Magic)) return false;
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(verifier.AsSpan(2));
        if (iterations <= 0) return false;
        Span<byte> hash = stackalloc byte[32];
        Rfc2898DeriveBytes.Pbkdf2(password, verifier.AsSpan(6, SaltLength), hash, iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(hash, verifier.AsSpan(6 + SaltLength));
    }

    /// <summary>
    /// mysql_native_password: the client sends SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))); we
    /// recover SHA1(pw) and hash it once more to compare with the stored SHA1(SHA1(pw)).
    /// </summary>
    public static bool VerifyNative(ReadOnlySpan<byte> response, ReadOnlySpan<byte> scramble, byte[] verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (verifier.Length == 0) return response.IsEmpty;
        if (response.Length != 20 || verifier.Length != 20) return false;
        Span<byte> input = stackalloc byte[scramble.Length + 20];
        scramble.CopyTo(input);
        verifier.CopyTo(input[scramble.Length..]);
        Span<byte> mask = stackalloc byte[20];
        SHA1.HashData(input, mask);
        for (var i = 0; i < 20; i++) mask[i] ^= response[i];
        Span<byte> check = stackalloc byte[20];
        SHA1.HashData(mask, check);
        return CryptographicOperations.FixedTimeEquals(check, verifier);
    }

    /// <summary>SHA256(SHA256(password)): what the fast-path cache holds after a full authentication.</summary>
    public static byte[] CachingSha2CacheEntry(ReadOnlySpan<byte> password) => SHA256.HashData(SHA256.HashData(password));

    /// <summary>
    /// caching_sha2 fast path: the client sends SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble);
    /// with the cached SHA256(SHA256(pw)) we recover SHA256(pw) and compare its hash.
    /// </summary>
    public static bool VerifyCachingSha2Scramble(ReadOnlySpan<byte> response, ReadOnlySpan<byte> scramble, ReadOnlySpan<byte> cached)
    {
        if (response.Length != 32 || cached.Length != 32) return false;
        Span<byte> input = stackalloc byte[32 + scramble.Length];
        cached.CopyTo(input);
        scramble.CopyTo(input[32..]);
        Span<byte> mask = stackalloc byte[32];
        SHA256.HashData(input, mask);
        for (var i = 0; i < 32; i++) mask[i] ^= response[i];
        Span<byte> check = stackalloc byte[32];
        SHA256.HashData(mask, check);
        return CryptographicOperations.FixedTimeEquals(check, cached);
    }

    /// <summary>The client's caching_sha2 scramble (used by tests and a future replica client).</summary>
    public static byte[] ScrambleCachingSha2(ReadOnlySpan<byte> password, ReadOnlySpan<byte> scramble)
    {
        if (password.IsEmpty) return [];
        var stage1 = SHA256.HashData(password);
        var stage2 = SHA256.HashData(stage1);
        var mask = SHA256.HashData([.. stage2, .. scramble]);
        for (var i = 0; i < 32; i++) mask[i] ^= stage1[i];
        return mask;
    }

    /// <summary>The client's mysql_native_password scramble.</summary>
    public static byte[] ScrambleNative(ReadOnlySpan<byte> password, ReadOnlySpan<byte> scramble)
    {
        if (password.IsEmpty) return [];
        var stage1 = SHA1.HashData(password);
        var stage2 = SHA1.HashData(stage1);
        var mask = SHA1.HashData([.. scramble, .. stage2]);
        for (var i = 0; i < 20; i++) mask[i] ^= stage1[i];
        return mask;
    }
}
