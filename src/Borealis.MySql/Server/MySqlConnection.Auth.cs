using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;

namespace Borealis.MySql.Server;

// Authentication: the account lookup, the auth switch, and the two plugins.
// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods.html
internal sealed partial class MySqlConnection
{
    private const byte FastAuthSuccess = 3;
    private const byte PerformFullAuthentication = 4;
    private const byte RequestPublicKey = 2;

    /// <summary>
    /// Authenticates <paramref name="user"/>; on failure sends 1045 and returns null. The first
    /// response was computed with <paramref name="clientPlugin"/> over the handshake scramble;
    /// when the account uses another plugin the client is switched to it (either way round).
    /// </summary>
    private async Task<MySqlAccount?> AuthenticateAsync(string user, byte[] response, string? clientPlugin)
    {
        var account = await _server.Accounts.FindAsync(user, _clientHost, _server.Stopping).ConfigureAwait(false);
        if (account is null || (account.RequireSsl && !_isTls))
            return await DenyAsync(user, response.Length > 0).ConfigureAwait(false);

        // Clients without CLIENT_PLUGIN_AUTH speak mysql_native_password only.
        var plugin = clientPlugin ?? AuthPlugins.NativePassword;
        if (plugin != account.Plugin)
        {
            if ((_capabilities & CapabilityFlags.PluginAuth) == 0)
            {
                await SendErrorAndFlushAsync(ErrorPayload.Create(MySqlErrorCode.NotSupportedAuthMode)).ConfigureAwait(false);
                return null;
            }
            new AuthSwitchRequestPayload(account.Plugin, _scramble).Write(_control);
            Channel.WritePacket(_control);
            await Channel.FlushAsync().ConfigureAwait(false);
            var switched = await Channel.ReadPacketAsync(newCommand: false, Options.NetReadTimeout).ConfigureAwait(false);
            if (switched is null) return null;
            response = switched.Value.ToArray();
        }

        // An empty password is sent as nothing, or after a switch as a single NUL.
        if (response is [0]) response = [];
        var ok = account.Plugin switch
        {
            AuthPlugins.NativePassword => MySqlPasswords.VerifyNative(response, _scramble, account.Verifier),
            AuthPlugins.CachingSha2Password => await CachingSha2Async(account, response).ConfigureAwait(false),
            _ => false,
        };
        return ok ? account : await DenyAsync(user, response.Length > 0).ConfigureAwait(false);
    }

    /// <summary>
    /// caching_sha2_password: the fast path when the account's digest is cached; otherwise full
    /// authentication, where the client sends its password in clear over TLS, or RSA-encrypted
    /// (after asking for our public key) over a plain connection.
    /// https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html
    /// </summary>
    private async Task<bool> CachingSha2Async(MySqlAccount account, byte[] response)
    {
        if (response.Length == 0) return account.Verifier.Length == 0;
        if (account.Verifier.Length == 0) return false;
        if (_server.Sha2Cache.TryGet(account, out var digest))
        {
            if (!MySqlPasswords.VerifyCachingSha2Scramble(response, _scramble, digest)) return false;
            MySqlLog.Authenticated(_server.Logger, Id, account.User, "caching_sha2 fast path");
            await SendMoreDataAsync([FastAuthSuccess]).ConfigureAwait(false);
            return true;
        }

        await SendMoreDataAsync([PerformFullAuthentication]).ConfigureAwait(false);
        var packet = await Channel.ReadPacketAsync(newCommand: false, Options.NetReadTimeout).ConfigureAwait(false);
        if (packet is null) return false;
        byte[] password;
        if (_isTls)
        {
            MySqlLog.Authenticated(_server.Logger, Id, account.User, "caching_sha2 full authentication over TLS");
            var clear = packet.Value.Span;
            var end = clear.IndexOf((byte)0);
            password = (end < 0 ? clear : clear[..end]).ToArray();
        }
        else
        {
            var encrypted = packet.Value.ToArray();
            MySqlLog.Authenticated(_server.Logger, Id, account.User, "caching_sha2 full authentication with RSA");
            if (encrypted is [RequestPublicKey])
            {
                await SendMoreDataAsync(_server.RsaKey.PublicKeyPem).ConfigureAwait(false);
                var next = await Channel.ReadPacketAsync(newCommand: false, Options.NetReadTimeout).ConfigureAwait(false);
                if (next is null) return false;
                encrypted = next.Value.ToArray();
            }
            // A cleartext password over a plain connection is refused, as mysqld does.
            if (!_server.RsaKey.TryDecryptPassword(encrypted, _scramble, out password)) return false;
        }
        if (!MySqlPasswords.VerifyCachingSha2Password(password, account.Verifier)) return false;
        _server.Sha2Cache.Set(account, MySqlPasswords.CachingSha2CacheEntry(password));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(password);
        return true;
    }

    private async ValueTask SendMoreDataAsync(byte[] data)
    {
        new AuthMoreDataPayload(data).Write(_control);
        Channel.WritePacket(_control);
        await Channel.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>ER_ACCESS_DENIED_ERROR 1045 / 28000, naming the client host as MySQL does.</summary>
    private async Task<MySqlAccount?> DenyAsync(string user, bool usingPassword)
    {
        MySqlLog.AccessDenied(_server.Logger, Id, _remote, user);
        await SendErrorAndFlushAsync(ErrorPayload.Create(MySqlErrorCode.AccessDenied, user, _clientHost, usingPassword ? "YES" : "NO")).ConfigureAwait(false);
        return null;
    }
}
