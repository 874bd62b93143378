using System.Globalization;
using Borealis.MySql;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

/// <summary>
/// System variables as a session sees them: the ones connectors and the mariadb CLI read at
/// connect, each with MySQL 8.0's default. SET stores any known one; an unknown name is 1193.
/// Only autocommit, transaction_isolation and sql_mode change behaviour; the others are kept
/// and answered so clients that read them back see what they set.
/// </summary>
internal sealed class SessionVariables
{
    public const string Version = "8.0.36-Borealis";

    private static readonly Dictionary<string, SqlValue> s_defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = SqlValue.FromString(Version),
        ["version_comment"] = SqlValue.FromString("Borealis"),
        ["version_compile_os"] = SqlValue.FromString("Linux"),
        ["version_compile_machine"] = SqlValue.FromString("x86_64"),
        ["max_allowed_packet"] = SqlValue.FromInt(64 * 1024 * 1024),
        ["character_set_client"] = SqlValue.FromString("utf8mb4"),
        ["character_set_connection"] = SqlValue.FromString("utf8mb4"),
        ["character_set_results"] = SqlValue.FromString("utf8mb4"),
        ["character_set_server"] = SqlValue.FromString("utf8mb4"),
        ["character_set_database"] = SqlValue.FromString("utf8mb4"),
        ["character_set_system"] = SqlValue.FromString("utf8mb3"),
        ["collation_connection"] = SqlValue.FromString("utf8mb4_0900_ai_ci"),
        ["collation_server"] = SqlValue.FromString("utf8mb4_0900_ai_ci"),
        ["collation_database"] = SqlValue.FromString("utf8mb4_0900_ai_ci"),
        ["sql_mode"] = SqlValue.FromString("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"),
        ["autocommit"] = SqlValue.FromInt(1),
        ["transaction_isolation"] = SqlValue.FromString("REPEATABLE-READ"),
        ["tx_isolation"] = SqlValue.FromString("REPEATABLE-READ"),
        ["transaction_read_only"] = SqlValue.FromInt(0),
        ["lower_case_table_names"] = SqlValue.FromInt(0),
        ["time_zone"] = SqlValue.FromString("SYSTEM"),
        ["system_time_zone"] = SqlValue.FromString("UTC"),
        ["auto_increment_increment"] = SqlValue.FromInt(1),
        ["auto_increment_offset"] = SqlValue.FromInt(1),
        ["wait_timeout"] = SqlValue.FromInt(28800),
        ["interactive_timeout"] = SqlValue.FromInt(28800),
        ["net_write_timeout"] = SqlValue.FromInt(60),
        ["net_read_timeout"] = SqlValue.FromInt(30),
        ["net_buffer_length"] = SqlValue.FromInt(16384),
        ["license"] = SqlValue.FromString("Apache-2.0"),
        ["init_connect"] = SqlValue.FromString(""),
        ["performance_schema"] = SqlValue.FromInt(0),
        ["query_cache_size"] = SqlValue.FromInt(0),
        ["query_cache_type"] = SqlValue.FromString("OFF"),
        ["have_query_cache"] = SqlValue.FromString("NO"),
        ["innodb_lock_wait_timeout"] = SqlValue.FromInt(50),
        ["lock_wait_timeout"] = SqlValue.FromInt(31536000),
        ["max_execution_time"] = SqlValue.FromInt(0),
        ["sql_select_limit"] = SqlValue.FromUInt(ulong.MaxValue),
        ["sql_safe_updates"] = SqlValue.FromInt(0),
        ["sql_auto_is_null"] = SqlValue.FromInt(0),
        ["sql_notes"] = SqlValue.FromInt(1),
        ["sql_quote_show_create"] = SqlValue.FromInt(1),
        ["unique_checks"] = SqlValue.FromInt(1),
        ["foreign_key_checks"] = SqlValue.FromInt(1),
        ["names"] = SqlValue.FromString("utf8mb4"),
        ["default_storage_engine"] = SqlValue.FromString("InnoDB"),
        ["storage_engine"] = SqlValue.FromString("InnoDB"),
        ["hostname"] = SqlValue.FromString("localhost"),
        ["port"] = SqlValue.FromInt(3306),
        ["server_id"] = SqlValue.FromInt(1),
        ["div_precision_increment"] = SqlValue.FromInt(4),
        ["explicit_defaults_for_timestamp"] = SqlValue.FromInt(1),
        ["default_authentication_plugin"] = SqlValue.FromString("caching_sha2_password"),
        ["last_insert_id"] = SqlValue.FromInt(0),
        ["identity"] = SqlValue.FromInt(0),
        ["warning_count"] = SqlValue.FromInt(0),
        ["error_count"] = SqlValue.FromInt(0),
        ["session_track_schema"] = SqlValue.FromInt(1),
        ["session_track_system_variables"] = SqlValue.FromString(""),
        ["session_track_state_change"] = SqlValue.FromInt(0),
        ["character_set_filesystem"] = SqlValue.FromString("binary"),
        ["protocol_version"] = SqlValue.FromInt(10),
        ["have_ssl"] = SqlValue.FromString("YES"),
        ["have_openssl"] = SqlValue.FromString("YES"),
        ["max_connections"] = SqlValue.FromInt(10000),
        ["read_only"] = SqlValue.FromInt(0),
        ["super_read_only"] = SqlValue.FromInt(0),
        ["tx_read_only"] = SqlValue.FromInt(0),
        ["big_tables"] = SqlValue.FromInt(0),
        ["optimizer_switch"] = SqlValue.FromString(""),
        ["group_concat_max_len"] = SqlValue.FromInt(1024),
        ["max_join_size"] = SqlValue.FromUInt(ulong.MaxValue),
        ["sql_big_selects"] = SqlValue.FromInt(1),
        ["binlog_format"] = SqlValue.FromString("ROW"),
        ["log_bin"] = SqlValue.FromInt(0),
        ["datadir"] = SqlValue.FromString("/"),
        ["basedir"] = SqlValue.FromString("/"),
        ["socket"] = SqlValue.FromString(""),
        ["secure_file_priv"] = SqlValue.Null,
    };

    /// <summary>Every variable name known, in order (SHOW VARIABLES).</summary>
    public static IEnumerable<string> Names => s_defaults.Keys.Where(n => n is not ("names" or "last_insert_id" or "identity" or "warning_count" or "error_count")).Order(StringComparer.Ordinal);

    private static readonly Dictionary<string, SqlValue> s_global = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SqlValue> _session = new(StringComparer.OrdinalIgnoreCase);

    public bool Autocommit => Get("autocommit", VariableScope.Session).ToBool() == true;

    public SqlValue Get(string name, VariableScope scope)
    {
        if (scope != VariableScope.Global && _session.TryGetValue(name, out var v)) return v;
        lock (s_global) if (s_global.TryGetValue(name, out v)) return v;
        if (s_defaults.TryGetValue(name, out v)) return v;
        throw SqlErrors.Of(MySqlErrorCode.UnknownSystemVariable, name);
    }

    public void Set(string name, SqlValue value, VariableScope scope)
    {
        name = name.ToLowerInvariant();
        if (!s_defaults.ContainsKey(name)) throw SqlErrors.Of(MySqlErrorCode.UnknownSystemVariable, name);
        value = Normalize(name, value);
        if (scope is VariableScope.Global or VariableScope.Persist or VariableScope.PersistOnly)
        {
            lock (s_global) s_global[name] = value;
        }
        else _session[name] = value;
        if (name is "transaction_isolation" or "tx_isolation") _session[name == "tx_isolation" ? "transaction_isolation" : "tx_isolation"] = value;
    }

    /// <summary>ON/OFF and TRUE/FALSE for boolean variables, as SELECT @@autocommit answers 1 or 0.</summary>
    private static SqlValue Normalize(string name, SqlValue value)
    {
        var current = s_defaults[name];
        if (current.Kind == SqlKind.Int && value.Kind == SqlKind.String)
        {
            var text = value.String.ToUpperInvariant();
            if (text is "ON" or "TRUE") return SqlValue.FromInt(1);
            if (text is "OFF" or "FALSE") return SqlValue.FromInt(0);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return SqlValue.FromInt(l);
            throw SqlErrors.Of(MySqlErrorCode.WrongValueForVariable, name, value.String);
        }
        if (name is "transaction_isolation" or "tx_isolation")
        {
            var text = value.ToText().ToUpperInvariant().Replace(' ', '-');
            if (text is not ("READ-UNCOMMITTED" or "READ-COMMITTED" or "REPEATABLE-READ" or "SERIALIZABLE"))
                throw SqlErrors.Of(MySqlErrorCode.WrongValueForVariable, name, value.ToText());
            return SqlValue.FromString(text);
        }
        return value;
    }

    public void Reset() => _session.Clear();
}
