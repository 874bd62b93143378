using System.Collections.Frozen;

namespace Borealis.Sql.Lexing;

/// <summary>
/// The upper-case spelling of a word, without allocating for the keywords and common function
/// names the parser compares against (the parser switches on upper-case words).
/// </summary>
internal static class KeywordSpelling
{
    private static readonly string[] NonReservedKeywords =
    [
        "ACTION", "AFTER", "ALGORITHM", "ALWAYS", "ANY", "ASCII", "AUTOEXTEND_SIZE", "AUTO_INCREMENT",
        "AVG_ROW_LENGTH", "BEGIN", "BIT", "BODY", "BOOL", "BOOLEAN", "BTREE", "CASCADED", "CAST", "CHAIN",
        "CHARSET", "CHECKSUM", "CODE", "COLLATION", "COLUMNS", "COLUMN_FORMAT", "COMMENT", "COMMIT",
        "COMMITTED", "COMPRESSION", "CONNECTION", "CONSISTENT", "COUNT", "CURRENT", "DATA", "DATE",
        "DATETIME", "DAY", "DEALLOCATE", "DEFINER", "DELAY_KEY_WRITE", "DIRECTORY", "DISABLE", "DO",
        "DUMPFILE", "DUPLICATE", "ENABLE", "ENCRYPTION", "END", "ENFORCED", "ENGINE", "ENGINES",
        "ENGINE_ATTRIBUTE", "ENUM", "ERRORS", "ESCAPE", "EVENT", "EVENTS", "EXECUTE", "EXPORT", "EXTENDED",
        "EXTRACT", "FIELDS", "FIRST", "FIXED", "FLUSH", "FOLLOWING", "FORMAT", "FULL", "GEOMCOLLECTION",
        "GEOMETRY", "GEOMETRYCOLLECTION", "GLOBAL", "GRANTS", "GROUP_CONCAT", "HASH", "HOUR", "IDENTIFIED",
        "INDEXES", "INSERT_METHOD", "INVISIBLE", "INVOKER", "ISOLATION", "JSON", "KEY_BLOCK_SIZE", "LEVEL",
        "LINESTRING", "LOCAL", "LOCATE", "LOCKED", "LOG", "LOGS", "MASTER", "MAX_ROWS", "MICROSECOND",
        "MID", "MINUTE", "MIN_ROWS", "MODE", "MODIFY", "MONTH", "MULTILINESTRING", "MULTIPOINT",
        "MULTIPOLYGON", "NAMES", "NATIONAL", "NCHAR", "NO", "NONE", "NOWAIT", "NVARCHAR", "OFFSET",
        "ONLINE", "ONLY", "OPEN", "PACKAGE", "PACK_KEYS", "PAGE_CHECKSUM", "PARTIAL", "PARTITIONS",
        "PASSWORD", "PERSIST", "PERSIST_ONLY", "PLUGINS", "POINT", "POLYGON", "POSITION", "PRECEDING",
        "PREPARE", "PRIVILEGES", "PROCESSLIST", "QUARTER", "QUERY", "QUICK", "REPAIR", "REPEATABLE",
        "REPLICA", "ROLLBACK", "ROLLUP", "ROW_FORMAT", "SAVEPOINT", "SECOND", "SECONDARY_ENGINE",
        "SECONDARY_ENGINE_ATTRIBUTE", "SECURITY", "SERIAL", "SERIALIZABLE", "SESSION", "SHARE", "SIGNED",
        "SIMPLE", "SKIP", "SLAVE", "SNAPSHOT", "SOME", "SOUNDS", "SOUNDS_LIKE", "SQL_BUFFER_RESULT",
        "SQL_CACHE", "SQL_NO_CACHE", "START", "STATS_AUTO_RECALC", "STATS_PERSISTENT",
        "STATS_SAMPLE_PAGES", "STATUS", "STORAGE", "SUBSTR", "SUBSTRING", "TABLES", "TABLESPACE",
        "TABLE_CHECKSUM", "TEMPORARY", "TEXT", "TIME", "TIMESTAMP", "TIMESTAMPADD", "TIMESTAMPDIFF",
        "TRANSACTION", "TRANSACTIONAL", "TRIGGERS", "TRIM", "TRUNCATE", "TYPE", "UNBOUNDED", "UNCOMMITTED",
        "UNICODE", "UNKNOWN", "USER", "VALUE", "VARIABLES", "VIEW", "VISIBLE", "WARNINGS", "WEEK", "WORK",
        "X509", "YEAR",
    ];

    private static readonly string[] CommonFunctions =
    [
        "ABS", "AVG", "CEIL", "CEILING", "COALESCE", "CONCAT", "CONCAT_WS", "CONNECTION_ID", "CURDATE", "CURTIME",
        "DATE_ADD", "DATE_FORMAT", "DATE_SUB", "FLOOR", "FOUND_ROWS", "FROM_UNIXTIME", "GREATEST", "HEX", "IFNULL",
        "JSON_EXTRACT", "LAST_INSERT_ID", "LEAST", "LENGTH", "LOWER", "LPAD", "LTRIM", "MAX", "MIN", "NOW", "NULLIF",
        "RAND", "ROUND", "ROW_COUNT", "RPAD", "RTRIM", "SLEEP", "STD", "STDDEV", "STR_TO_DATE", "SUM", "SYSDATE",
        "UNHEX", "UNIX_TIMESTAMP", "UPPER", "UUID", "VERSION",
    ];

    private static readonly FrozenDictionary<string, string> Spellings =
        ReservedWords.All.Concat(NonReservedKeywords).Concat(CommonFunctions).Distinct()
            .ToFrozenDictionary(word => word, word => word, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Spellings.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string ToUpper(ReadOnlySpan<char> word) =>
        Lookup.TryGetValue(word, out var spelling) ? spelling : word.ToString().ToUpperInvariant();
}
